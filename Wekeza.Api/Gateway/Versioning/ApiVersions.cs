using Microsoft.AspNetCore.Http.Features;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Gateway.Versioning;

/// <summary>
/// The version in the path, and what a client hears about it (docs/changelog.md, "Versioning and deprecation"):
/// a version we do not serve (<c>/v2</c>, <c>/v0</c>, <c>/v1.0</c>, <c>/vx</c>) is 404 <c>unsupported_api_version</c>,
/// naming the versions we do; <c>/V1</c> is <c>/v1</c> (paths match without regard to case, as all routes here do).
/// A deprecated operation answers with <c>Deprecation</c>, <c>Sunset</c> and <c>Link</c>; after its sunset, 410
/// <c>api_version_sunset</c>.
/// </summary>
internal static class ApiVersions
{
    public static readonly IReadOnlyList<string> Supported = ["v1"];

    public static WebApplication UseApiVersions(this WebApplication app)
    {
        var links = app.Services.GetRequiredService<ProblemTypeLinks>();
        var deprecations = ApiDeprecations.FromConfiguration(app.Configuration, links.Changelog);
        var clock = app.Services.GetRequiredService<TimeProvider>();
        app.Use(async (context, next) =>
        {
            if (UnsupportedVersion(context.Request.Path) is { } version)
            {
                await ProblemCatalog.UnsupportedApiVersion.WriteAsync(context,
                    $"'{version}' is not a version of this API. Supported: {string.Join(", ", Supported)} (e.g. /{Supported[^1]}/accounts).");
                return;
            }

            if (deprecations.Count > 0
                && deprecations.For(context.Request.Method, (context.GetEndpoint() as RouteEndpoint)?.RoutePattern) is { } deprecation)
            {
                context.Response.Headers["Deprecation"] = deprecation.DeprecationHeader;
                context.Response.Headers["Sunset"] = deprecation.SunsetHeader;
                context.Response.Headers.Link = $"<{deprecation.Link}>; rel=\"deprecation\"; type=\"text/html\", <{deprecation.Link}>; rel=\"sunset\"; type=\"text/html\"";
                if (clock.GetUtcNow() >= deprecation.SunsetAt)
                {
                    await ProblemCatalog.ApiVersionSunset.WriteAsync(context,
                        $"{context.Request.Method} {(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText} was retired on {deprecation.SunsetHeader}. {deprecation.Link} says what replaces it.");
                    return;
                }
            }

            await next(context);
        });
        return app;
    }

    /// <summary>The first segment when it looks like a version (<c>v…</c>) but is not one we serve.</summary>
    private static string? UnsupportedVersion(PathString path)
    {
        var value = path.Value ?? "";
        var end = value.IndexOf('/', 1);
        var first = end < 0 ? value.TrimStart('/') : value[1..end];
        return first.Length > 0 && char.ToLowerInvariant(first[0]) == 'v'
               && !Supported.Contains(first, StringComparer.OrdinalIgnoreCase)
            ? first
            : null;
    }
}
