using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Wekeza.ServiceDefaults;

/// <summary>
/// RFC 9457 problem details the same way in every service (docs/errors.md): a <c>code</c> from
/// <see cref="ProblemCatalog"/> with its title and <c>retryable</c>, a <c>type</c> that opens the code's entry in the
/// portal's error catalog, the <c>traceId</c> and <c>interactionId</c> to quote to support, the request path as
/// <c>instance</c>; never a stack trace.
/// </summary>
public static class ProblemDetailsDefaults
{
    /// <summary>Where the portal serves the docs: <c>type</c> is <c>{this}/docs/errors#{code}</c>.</summary>
    public const string CatalogBaseUrlSetting = "Problems:CatalogBaseUrl";

    /// <summary>For a service started without the setting (a test, a bare <c>dotnet run</c>).</summary>
    public const string DefaultCatalogBaseUrl = "https://developers.wekeza.example";

    public static IServiceCollection AddWekezaProblemDetails(this IServiceCollection services)
    {
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Minimal APIs throw on a body they cannot read, so the handler above can say which field was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddSingleton(provider => new ProblemTypeLinks(provider.GetRequiredService<IConfiguration>()));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var http = context.HttpContext;
            var status = problem.Status ?? http.Response.StatusCode;
            // Only catalog codes leave a service: a code that is not in it becomes its status's generic one.
            var type = ProblemCatalog.Find(problem.Extensions.TryGetValue(ProblemCatalog.CodeProperty, out var code) ? code as string : null)
                       ?? ProblemCatalog.ForStatus(status);
            var traceId = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;

            problem.Status = status;
            problem.Type = http.RequestServices.GetRequiredService<ProblemTypeLinks>().For(type);
            problem.Title = type.Title;
            problem.Instance ??= http.Request.Path;
            problem.Extensions[ProblemCatalog.CodeProperty] = type.Code;
            problem.Extensions["retryable"] = type.Retryable;
            problem.Extensions["traceId"] = traceId;
            problem.Extensions["interactionId"] = InteractionIds.Of(http) ?? traceId;
            // The framework's own exception details are for developers' eyes in a debugger, not for clients.
            problem.Extensions.Remove("exception");
        });
        return services;
    }

    /// <summary>
    /// The interaction id on every response; unhandled exceptions and empty error responses (404 for an unknown route,
    /// 405, 415, 401 from a challenge) become problem+json; a body in a charset nobody can decode is 415.
    /// </summary>
    public static IApplicationBuilder UseWekezaProblemDetails(this IApplicationBuilder app)
    {
        app.UseMiddleware<InteractionIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseKnownRequestCharsets();
        return app;
    }
}

/// <summary>The <c>type</c> URI of each catalog entry: its anchor on the portal's error catalog page.</summary>
public sealed class ProblemTypeLinks(IConfiguration configuration)
{
    private readonly string _base = (configuration[ProblemDetailsDefaults.CatalogBaseUrlSetting] is { Length: > 0 } configured
        ? configured
        : ProblemDetailsDefaults.DefaultCatalogBaseUrl).TrimEnd('/');

    public string For(ProblemType type) => $"{_base}/docs/errors#{type.Code}";

    /// <summary>The changelog page: what a deprecated operation's <c>Link</c> points to unless configured otherwise.</summary>
    public string Changelog => $"{_base}/docs/changelog";
}
