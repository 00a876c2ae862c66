using Wekeza.ServiceDefaults.RateLimiting;

namespace Wekeza.Api.Tests.Gateway.RateLimiting;

/// <summary>The in-process limit a replica falls back to applies the same policy, to the same permit.</summary>
public sealed class LocalLimitTests
{
    private readonly ManualClock _clock = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private RateLimitStore Store() =>
        new(new RateLimitStoreOptions(Redis: null, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1)), new RecordingLogger<RateLimitStore>(), _clock);

    [Fact]
    public async Task Without_redis_the_burst_is_exact_and_permits_come_back_one_interval_at_a_time()
    {
        using var store = Store();
        var policy = new RateLimitPolicy("Sandbox", permitsPerMinute: 60, burst: 2); // one a second

        Assert.Equal(1, (await store.AcquireAsync("k", policy, cancellationToken: Cancel)).Remaining);
        Assert.Equal(0, (await store.AcquireAsync("k", policy, cancellationToken: Cancel)).Remaining);
        var refused = await store.AcquireAsync("k", policy, cancellationToken: Cancel);
        Assert.False(refused.IsAllowed);
        Assert.False(refused.IsShared);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.ResetAfter);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await store.AcquireAsync("k", policy, cancellationToken: Cancel)).IsAllowed);
        Assert.False((await store.AcquireAsync("k", policy, cancellationToken: Cancel)).IsAllowed);

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, (await store.AcquireAsync("k", policy, cancellationToken: Cancel)).Remaining);
        Assert.True((await store.AcquireAsync("other", policy, cancellationToken: Cancel)).IsAllowed);
    }

    [Fact]
    public async Task A_fractional_interval_never_loses_a_permit()
    {
        using var store = Store();
        var policy = new RateLimitPolicy("Production", permitsPerMinute: 7000, burst: 7000);

        var remaining = new List<int>();
        for (var i = 0; i < 7000; i++)
        {
            var decision = await store.AcquireAsync("k", policy, cancellationToken: Cancel);
            Assert.True(decision.IsAllowed, $"Permit {i + 1} was refused.");
            remaining.Add(decision.Remaining);
        }

        Assert.Equal(Enumerable.Range(0, 7000).Reverse(), remaining);
        Assert.False((await store.AcquireAsync("k", policy, cancellationToken: Cancel)).IsAllowed);
    }
}
