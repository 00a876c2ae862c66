using System.Threading.RateLimiting;

namespace Wekeza.ServiceDefaults.RateLimiting;

/// <summary>Metadata a decided lease carries, for the rejection handler that words the answer.</summary>
public static class RateLimitMetadata
{
    public static readonly MetadataName<RateLimitTarget> Target = MetadataName.Create<RateLimitTarget>("wekeza.rate_limit.target");
    public static readonly MetadataName<RateLimitDecision> Decision = MetadataName.Create<RateLimitDecision>("wekeza.rate_limit.decision");
}

/// <summary>A lease whose fate the store decided; nothing is held, so disposing it releases nothing.</summary>
internal sealed class DecidedLease(RateLimitTarget target, RateLimitDecision decision) : RateLimitLease
{
    private static readonly string[] Names = [MetadataName.RetryAfter.Name, RateLimitMetadata.Target.Name, RateLimitMetadata.Decision.Name];

    /// <summary>Not ours to limit (another path, another method).</summary>
    public static readonly RateLimitLease Unlimited = new Fixed(acquired: true);

    /// <summary>
    /// The answer to a synchronous attempt on a limited request: "not yet". Deciding takes a round trip to Redis, which
    /// a synchronous call must not block a thread on; the middleware then awaits AcquireAsync, which decides.
    /// </summary>
    public static readonly RateLimitLease Pending = new Fixed(acquired: false);

    public override bool IsAcquired => decision.IsAllowed;

    public override IEnumerable<string> MetadataNames => Names;

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName switch
        {
            _ when metadataName == MetadataName.RetryAfter.Name && !decision.IsAllowed => decision.RetryAfter,
            _ when metadataName == RateLimitMetadata.Target.Name => target,
            _ when metadataName == RateLimitMetadata.Decision.Name => decision,
            _ => null,
        };
        return metadata is not null;
    }

    private sealed class Fixed(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
