using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Wekeza.ServiceDefaults.RateLimiting;

/// <summary>
/// The limiter ASP.NET Core's rate-limiting middleware asks about each request: <paramref name="resolve"/> names the
/// budget it spends from (or null: not limited), <paramref name="store"/> decides. A partitioned limiter of its own
/// rather than <see cref="PartitionedRateLimiter.Create{TResource,TPartitionKey}"/> with one limiter per partition: the
/// partitions' state lives in Redis, not in limiter objects here, and the decision must reach the response's headers,
/// which only code that sees the request can put there.
/// </summary>
public sealed class HttpRateLimiter(Func<HttpContext, RateLimitTarget?> resolve, RateLimitStore store, bool advertise) : PartitionedRateLimiter<HttpContext>
{
    private static readonly object TargetKey = new();

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        Target(resource) is null ? DecidedLease.Unlimited : DecidedLease.Pending;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        if (Target(resource) is not { } target)
        {
            return ValueTask.FromResult(DecidedLease.Unlimited);
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, target.Policy.Burst);
        var decision = store.AcquireAsync(target.Key, target.Policy, permitCount, cancellationToken);
        return decision.IsCompletedSuccessfully
            ? ValueTask.FromResult(Decided(resource, target, decision.Result))
            : AwaitedAsync(resource, target, decision);
    }

    private async ValueTask<RateLimitLease> AwaitedAsync(HttpContext resource, RateLimitTarget target, ValueTask<RateLimitDecision> decision) =>
        Decided(resource, target, await decision);

    private RateLimitLease Decided(HttpContext context, RateLimitTarget target, RateLimitDecision decision)
    {
        if (advertise)
        {
            RateLimitHeaders.AddWhenStarting(context.Response, target.Policy, decision);
        }

        return new DecidedLease(target, decision);
    }

    // The middleware asks twice (the synchronous attempt, then the awaited one): resolve once.
    private RateLimitTarget? Target(HttpContext context)
    {
        if (context.Items.TryGetValue(TargetKey, out var known))
        {
            return (RateLimitTarget?)known;
        }

        var target = resolve(context);
        context.Items[TargetKey] = target;
        return target;
    }
}
