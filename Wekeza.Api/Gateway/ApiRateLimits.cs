using System.Globalization;
using Microsoft.AspNetCore.RateLimiting;
using Wekeza.ServiceDefaults;
using Wekeza.ServiceDefaults.RateLimiting;

namespace Wekeza.Api.Gateway;

/// <summary>
/// Every <c>/v1</c> call spends from its app's budget, shared by all API replicas: the app is the token's
/// <c>client_id</c> (see <see cref="Security.CallerApp"/>), whether it acts for itself or for a customer. A request
/// without a valid token spends from its address's budget, so a flood of bad tokens is limited too.
/// docs/api-guide.md ("Rate limits") documents the tiers and keys.
/// </summary>
internal static class ApiRateLimits
{
    public static IHostApplicationBuilder AddApiRateLimits(this IHostApplicationBuilder builder)
    {
        var tiers = ApiRateLimitTiers.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(tiers);
        return builder.AddDistributedRateLimiter(ResourceNames.Cache, _ => tiers.Resolve, OnRejectedAsync, advertise: true);
    }

    /// <summary>The 429 in the same problem+json as every other error (the catalog's <c>rate_limited</c>), saying which limit and when to retry.</summary>
    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = RateLimitHeaders.RetryAfterSeconds(rejected.Lease);
        RateLimitHeaders.SetRetryAfter(context.Response, rejected.Lease);
        var policy = rejected.Lease.TryGetMetadata(RateLimitMetadata.Target, out var target) ? target.Policy : null;
        // A client that accepts no JSON still gets the 429 and its headers, without a body.
        await ProblemCatalog.RateLimited.WriteAsync(context, Detail(context, policy, retryAfter));
    }

    private static string Detail(HttpContext context, RateLimitPolicy? policy, int retryAfter)
    {
        var retry = retryAfter == 1 ? "Retry after 1 second." : $"Retry after {Number(retryAfter)} seconds.";
        if (policy is null)
        {
            return $"Too many requests. {retry}";
        }

        var rate = policy.Burst == policy.PermitsPerMinute
            ? $"{Requests(policy.PermitsPerMinute)} a minute"
            : $"{Requests(policy.PermitsPerMinute)} a minute, at most {Number(policy.Burst)} at once";
        return ApiRateLimitTiers.ClientIdOf(context) is { } clientId
            ? $"App {clientId} is on the {policy.Name} tier: {rate}, counted across all its calls and tokens. {retry}"
            : $"Requests without a valid access token are limited per client address: {rate}. {retry}";
    }

    private static string Requests(int count) => count == 1 ? "1 request" : $"{Number(count)} requests";

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
