using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Wekeza.ServiceDefaults.RateLimiting;

/// <summary>
/// The rate-limit state a client reads off a response (draft-ietf-httpapi-ratelimit-headers, the
/// <c>RateLimit-Limit</c>/<c>-Remaining</c>/<c>-Reset</c> fields with <c>RateLimit-Policy</c>), and <c>Retry-After</c> on a 429.
/// </summary>
public static class RateLimitHeaders
{
    public const string Limit = "RateLimit-Limit";
    public const string Remaining = "RateLimit-Remaining";
    public const string Reset = "RateLimit-Reset";
    public const string Policy = "RateLimit-Policy";

    /// <summary>
    /// Adds the fields a response does not carry yet, when it starts: an endpoint that sets its own (the sandbox's
    /// simulated 429) keeps them.
    /// </summary>
    public static void AddWhenStarting(HttpResponse response, RateLimitPolicy policy, RateLimitDecision decision) =>
        response.OnStarting(static state =>
        {
            var (response, policy, decision) = ((HttpResponse, RateLimitPolicy, RateLimitDecision))state;
            var headers = response.Headers;
            headers.TryAdd(Limit, Text(policy.Burst));
            headers.TryAdd(Remaining, Text(decision.Remaining));
            headers.TryAdd(Reset, Text(Seconds(decision.ResetAfter)));
            // "N;w=S": N requests per S seconds, the time N permits take to come back.
            headers.TryAdd(Policy, $"{Text(policy.Burst)};w={Text(Seconds(policy.Window))}");
            return Task.CompletedTask;
        }, (response, policy, decision));

    /// <summary>Whole seconds until a retry can succeed, at least 1 (a client that retries at 0 is refused again).</summary>
    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, Seconds(retryAfter)) : 1;

    public static void SetRetryAfter(HttpResponse response, RateLimitLease lease) =>
        response.Headers.RetryAfter = Text(RetryAfterSeconds(lease));

    private static int Seconds(TimeSpan span) => (int)Math.Ceiling(span.TotalSeconds);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
