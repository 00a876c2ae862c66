using Wekeza.Api.Gateway.Metering;
using Wekeza.Api.Gateway.Versioning;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Gateway;

internal static class GatewayPipeline
{
    /// <summary>The gateway's services: rate limits (Redis-backed, per app and tier), the request log and usage metering.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder) =>
        builder.AddApiRateLimits().AddRequestLogAndMetering();

    /// <summary>
    /// The middleware every API call passes, outermost first. The order is the point: the interaction id wraps
    /// everything so even a crash carries it; problem details wrap authentication so a 401/403 challenge (an empty
    /// response with WWW-Authenticate) becomes problem+json. Rate limits come after authentication, which names the
    /// app whose budget a call spends, and before authorization and the endpoint, so refused calls cost nothing more
    /// and a flood of bad tokens is limited like anything else.
    /// </summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseMiddleware<FapiInteractionId>();
        // Outside problem details, so it logs and meters the status the client finally got (a 500 included).
        if (RequestLog.IsWanted(app.Services))
        {
            app.UseMiddleware<RequestLog>();
        }

        app.UseWekezaProblemDetails();
        // Before authentication: an oversized body, a NUL in the query, a version we do not serve or a retired operation needs no token.
        app.UseRequestBodyLimit();
        app.UseQueryTextGuard();
        app.UseApiVersions();
        // Explicit, so WebApplication does not add them itself ahead of the ones above.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
