using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Gateway;

internal static class GatewayPipeline
{
    /// <summary>
    /// The middleware every API call passes, outermost first. The order is the point: the interaction id wraps
    /// everything so even a crash carries it; problem details wrap authentication so a 401/403 challenge (an empty
    /// response with WWW-Authenticate) becomes problem+json. Rate limits, versioning and metering slot in here.
    /// </summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseMiddleware<FapiInteractionId>();
        app.UseWekezaProblemDetails();
        // Explicit, so WebApplication does not add them itself ahead of the two above.
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
