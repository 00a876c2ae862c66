using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Wekeza.ServiceDefaults;

/// <summary>
/// RFC 9457 problem details the same way in every service: a stable <c>code</c>, the <c>traceId</c> to quote to
/// support, the request path as <c>instance</c>; never a stack trace.
/// </summary>
public static class ProblemDetailsDefaults
{
    public static IServiceCollection AddWekezaProblemDetails(this IServiceCollection services)
    {
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions.TryAdd("code", ProblemCodes.ForStatus(status));
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            // The framework's own exception details are for developers' eyes in a debugger, not for clients.
            problem.Extensions.Remove("exception");
        });
        return services;
    }

    /// <summary>Unhandled exceptions and empty error responses (404 for an unknown route, 401 from a challenge) become problem+json.</summary>
    public static IApplicationBuilder UseWekezaProblemDetails(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
