using StackExchange.Redis;
using Wekeza.ServiceDefaults.RateLimiting;

namespace Wekeza.Api.Tests.Gateway.RateLimiting;

/// <summary>The Lua limiter against a real redis-server: exact limits, refill, expiry, one budget for many replicas, no races.</summary>
public sealed class RateLimitStoreTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_limit_is_reached_exactly_at_the_burst_and_the_refusal_says_when_to_retry()
    {
        using var store = await Stores.ConnectedAsync(redis);
        var policy = new RateLimitPolicy("Sandbox", permitsPerMinute: 1, burst: 5);
        var key = Stores.NewKey();

        for (var remaining = 4; remaining >= 0; remaining--)
        {
            var allowed = await store.AcquireAsync(key, policy, cancellationToken: Cancel);
            Assert.True(allowed.IsAllowed);
            Assert.True(allowed.IsShared);
            Assert.Equal(remaining, allowed.Remaining);
        }

        var refused = await store.AcquireAsync(key, policy, cancellationToken: Cancel);
        Assert.False(refused.IsAllowed);
        Assert.True(refused.IsShared);
        Assert.Equal(0, refused.Remaining);
        // One permit a minute: the next is due a minute after the budget was emptied; the whole of it in five.
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(60));
        Assert.InRange(refused.ResetAfter, TimeSpan.FromSeconds(295), TimeSpan.FromSeconds(300));
    }

    [Fact]
    public async Task Permits_come_back_at_the_policys_rate()
    {
        using var store = await Stores.ConnectedAsync(redis);
        var policy = new RateLimitPolicy("Fast", permitsPerMinute: 600, burst: 3); // one back every 100 ms
        var key = Stores.NewKey();
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await store.AcquireAsync(key, policy, cancellationToken: Cancel)).IsAllowed);
        }

        var refused = await store.AcquireAsync(key, policy, cancellationToken: Cancel);
        Assert.False(refused.IsAllowed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMicroseconds(1), TimeSpan.FromMilliseconds(100));

        await Task.Delay(TimeSpan.FromMilliseconds(400), Cancel);

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await store.AcquireAsync(key, policy, cancellationToken: Cancel)).IsAllowed, $"Permit {i + 1} of the refilled budget was refused.");
        }
    }

    [Fact]
    public async Task A_partitions_key_expires_by_itself_once_its_budget_is_full_again()
    {
        using var store = await Stores.ConnectedAsync(redis);
        var policy = new RateLimitPolicy("Fast", permitsPerMinute: 600, burst: 3);
        var key = Stores.NewKey();
        await store.AcquireAsync(key, policy, cancellationToken: Cancel);
        await store.AcquireAsync(key, policy, cancellationToken: Cancel);

        await using var client = redis.Connect();
        var stored = RateLimitStoreOptions.DefaultKeyPrefix + key;
        var ttl = await client.GetDatabase().KeyTimeToLiveAsync(stored);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(200));

        await Task.Delay(TimeSpan.FromMilliseconds(400), Cancel);
        Assert.False(await client.GetDatabase().KeyExistsAsync(stored));
    }

    [Fact]
    public async Task Two_replicas_on_one_redis_spend_one_budget()
    {
        using var first = await Stores.ConnectedAsync(redis);
        using var second = await Stores.ConnectedAsync(redis);
        var policy = new RateLimitPolicy("Sandbox", permitsPerMinute: 1, burst: 4);
        var key = Stores.NewKey();

        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 4; i++)
        {
            decisions.Add(await (i % 2 == 0 ? first : second).AcquireAsync(key, policy, cancellationToken: Cancel));
        }

        Assert.All(decisions, d => Assert.True(d.IsAllowed));
        Assert.Equal([3, 2, 1, 0], decisions.Select(d => d.Remaining));
        Assert.False((await first.AcquireAsync(key, policy, cancellationToken: Cancel)).IsAllowed);
        Assert.False((await second.AcquireAsync(key, policy, cancellationToken: Cancel)).IsAllowed);
    }

    [Fact]
    public async Task Concurrent_acquisitions_from_many_tasks_on_two_replicas_never_exceed_the_limit()
    {
        using var first = await Stores.ConnectedAsync(redis);
        using var second = await Stores.ConnectedAsync(redis);
        var policy = new RateLimitPolicy("Sandbox", permitsPerMinute: 1, burst: 100);
        var key = Stores.NewKey();
        using var start = new ManualResetEventSlim();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 600).Select(i => Task.Run(async () =>
        {
            start.Wait(Cancel);
            return await (i % 2 == 0 ? first : second).AcquireAsync(key, policy, cancellationToken: Cancel);
        }, Cancel)).Append(Task.Run(() =>
        {
            start.Set();
            return default(RateLimitDecision);
        }, Cancel)));

        var answered = decisions.Take(600).ToList();
        Assert.All(answered, d => Assert.True(d.IsShared, "A decision was taken locally: the race was not Redis's."));
        Assert.Equal(100, answered.Count(d => d.IsAllowed));
        // Each permit was handed out once: the remaining counts of the granted ones are exactly 99..0.
        Assert.Equal(Enumerable.Range(0, 100).Reverse(), answered.Where(d => d.IsAllowed).Select(d => d.Remaining).OrderDescending());
    }

    [Fact]
    public async Task Asking_for_no_permits_looks_without_spending()
    {
        using var store = await Stores.ConnectedAsync(redis);
        var policy = new RateLimitPolicy("Sandbox", permitsPerMinute: 1, burst: 2);
        var key = Stores.NewKey();

        var look = await store.AcquireAsync(key, policy, permits: 0, Cancel);
        Assert.True(look.IsAllowed);
        Assert.Equal(2, look.Remaining);
        await using var client = redis.Connect();
        Assert.False(await client.GetDatabase().KeyExistsAsync(RateLimitStoreOptions.DefaultKeyPrefix + key));
    }
}
