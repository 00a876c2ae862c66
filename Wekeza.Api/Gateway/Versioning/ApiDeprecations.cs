using System.Globalization;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Wekeza.Api.Gateway.Versioning;

/// <summary>
/// An operation, or a whole version, announced for retirement (docs/changelog.md, "Versioning and deprecation"):
/// <c>Versioning:Deprecations:N:Endpoint</c> is <c>v1</c> (every operation of the version), <c>/v1/route/{template}</c>
/// (every method), or <c>GET /v1/route/{template}</c>; <c>DeprecatedAt</c> and <c>SunsetAt</c> are ISO 8601 instants;
/// <c>Link</c> is the changelog entry (default: the changelog page).
/// </summary>
internal sealed record ApiDeprecation(string? Method, string Route, DateTimeOffset DeprecatedAt, DateTimeOffset SunsetAt, string Link)
{
    public bool IsWholeVersion => Route.StartsWith('v');

    /// <summary>Whether this covers an operation, given its route template (<c>/v1/accounts/{accountId}</c>) and method.</summary>
    public bool Covers(string method, string routeTemplate)
    {
        var template = "/" + routeTemplate.Trim('/');
        if (IsWholeVersion)
        {
            return template.StartsWith($"/{Route}/", StringComparison.OrdinalIgnoreCase) || template.Equals($"/{Route}", StringComparison.OrdinalIgnoreCase);
        }

        return (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase))
               && string.Equals(template, "/" + Route.Trim('/'), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>RFC 9745: <c>@</c> and the Unix time.</summary>
    public string DeprecationHeader => "@" + DeprecatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>RFC 8594: an HTTP-date.</summary>
    public string SunsetHeader => SunsetAt.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
}

internal static class ApiDeprecations
{
    public const string Section = "Versioning:Deprecations";

    public static IReadOnlyList<ApiDeprecation> FromConfiguration(IConfiguration configuration, string changelogUrl) =>
    [
        .. configuration.GetSection(Section).GetChildren().Select(entry =>
        {
            var endpoint = entry["Endpoint"] is { Length: > 0 } configured ? configured.Trim()
                : throw new InvalidOperationException($"{entry.Path}:Endpoint is required (v1, /v1/route or GET /v1/route).");
            var parts = endpoint.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var (method, route) = parts.Length == 2 ? (parts[0].ToUpperInvariant(), parts[1]) : ((string?)null, parts[0]);
            return new ApiDeprecation(method, route.TrimEnd('/'), Instant(entry, "DeprecatedAt"), Instant(entry, "SunsetAt"),
                entry["Link"] is { Length: > 0 } link ? link : changelogUrl);
        }),
    ];

    /// <summary>The first deprecation that covers the endpoint, or null.</summary>
    public static ApiDeprecation? For(this IReadOnlyList<ApiDeprecation> deprecations, string method, RoutePattern? pattern) =>
        pattern?.RawText is { } template ? deprecations.FirstOrDefault(deprecation => deprecation.Covers(method, template)) : null;

    private static DateTimeOffset Instant(IConfigurationSection entry, string name) =>
        DateTimeOffset.TryParse(entry[name], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new InvalidOperationException($"{entry.Path}:{name} must be an ISO 8601 date or instant.");
}
