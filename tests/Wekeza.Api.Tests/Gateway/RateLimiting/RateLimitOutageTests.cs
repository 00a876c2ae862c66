using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Wekeza.ServiceDefaults.RateLimiting;

namespace Wekeza.Api.Tests.Gateway.RateLimiting;

/// <summary>
/// Redis going away, for real: killed mid-test and started again, or paused so it answers nothing. Each test has its
/// own server, since each takes it down.
/// </summary>
public sealed class RateLimitOutageTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _redis.InitializeAsync();

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task Redis_stopped_mid_test_leaves_each_replica_limiting_alone_then_recovers_to_one_shared_budget()
    {
        var firstLog = new RecordingLogger<RateLimitStore>();
        using var first = await Stores.ConnectedAsync(_redis, firstLog);
        using var second = await Stores.ConnectedAsync(_redis);
        var policy = new RateLimitPolicy("Sandbox", permitsPerMinute: 1, burst: 3);
        var key = Stores.NewKey();
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await first.AcquireAsync(key, policy, cancellationToken: Cancel)).IsShared);
        }

        Assert.False((await second.AcquireAsync(key, policy, cancellationToken: Cancel)).IsAllowed);

        await _redis.StopAsync();

        // Fail open, but not wide open: each replica now enforces the same policy on its own, from a budget of its own.
        var clock = Stopwatch.StartNew();
        var firstAlone = new List<RateLimitDecision>();
        for (var i = 0; i < 5; i++)
        {
            firstAlone.Add(await first.AcquireAsync(key, policy, cancellationToken: Cancel));
        }

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"Five acquisitions without Redis took {clock.Elapsed.TotalMilliseconds:0} ms.");
        Assert.All(firstAlone, d => Assert.False(d.IsShared));
        Assert.Equal([true, true, true, false, false], firstAlone.Select(d => d.IsAllowed));
        var secondAlone = new List<RateLimitDecision>();
        for (var i = 0; i < 4; i++)
        {
            secondAlone.Add(await second.AcquireAsync(key, policy, cancellationToken: Cancel));
        }

        Assert.Equal([true, true, true, false], secondAlone.Select(d => d.IsAllowed));
        Assert.Equal(1, firstLog.Count(LogLevel.Warning));

        await _redis.StartAsync();

        // Recovery needs nobody: the connection comes back by itself, and the next decisions are Redis's again.
        var recovered = Stores.NewKey();
        await Stores.Eventually(() => first.AcquireAsync(recovered, policy, cancellationToken: Cancel).AsTask().GetAwaiter().GetResult().IsShared,
            TimeSpan.FromSeconds(30), "The first replica never went back to Redis.");
        await Stores.Eventually(() => second.AcquireAsync(recovered, policy, cancellationToken: Cancel).AsTask().GetAwaiter().GetResult().IsShared,
            TimeSpan.FromSeconds(30), "The second replica never went back to Redis.");
        var shared = Stores.NewKey();
        Assert.True((await first.AcquireAsync(shared, policy, cancellationToken: Cancel)).IsAllowed);
        Assert.True((await second.AcquireAsync(shared, policy, cancellationToken: Cancel)).IsAllowed);
        Assert.True((await first.AcquireAsync(shared, policy, cancellationToken: Cancel)).IsAllowed);
        var refused = await second.AcquireAsync(shared, policy, cancellationToken: Cancel);
        Assert.False(refused.IsAllowed);
        Assert.True(refused.IsShared);
        Assert.Equal(1, firstLog.Count(LogLevel.Warning));
        Assert.Contains(firstLog.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("shared across replicas again"));
    }

    [Fact]
    public async Task A_hung_redis_costs_one_request_at_most_the_timeout_and_the_rest_nothing_until_it_answers_again()
    {
        var timeout = TimeSpan.FromMilliseconds(50);
        var log = new RecordingLogger<RateLimitStore>();
        using var store = await Stores.ConnectedAsync(_redis, log, timeout, retryInterval: TimeSpan.FromSeconds(1));
        var policy = new RateLimitPolicy("Sandbox", permitsPerMinute: 600, burst: 600);
        var key = Stores.NewKey();
        Assert.True((await store.AcquireAsync(key, policy, cancellationToken: Cancel)).IsShared);

        await _redis.PauseAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            var first = await store.AcquireAsync(key, policy, cancellationToken: Cancel);
            var waited = clock.Elapsed;
            Assert.True(first.IsAllowed);
            Assert.False(first.IsShared);
            // Bounds far from what waiting would cost (Redis stays hung for the whole block), so a busy machine passes.
            Assert.True(waited < timeout + TimeSpan.FromSeconds(1), $"The first request waited {waited.TotalMilliseconds:0} ms for a hung Redis.");

            clock.Restart();
            for (var i = 0; i < 50; i++)
            {
                Assert.False((await store.AcquireAsync(key, policy, cancellationToken: Cancel)).IsShared);
            }

            // Had each waited for Redis, 50 requests would take 50 timeouts (2.5 s).
            Assert.True(clock.Elapsed < timeout * 10, $"50 requests during the outage took {clock.Elapsed.TotalMilliseconds:0} ms: they waited for Redis.");
        }
        finally
        {
            await _redis.ResumeAsync();
        }

        await Stores.Eventually(() => store.AcquireAsync(key, policy, cancellationToken: Cancel).AsTask().GetAwaiter().GetResult().IsShared,
            TimeSpan.FromSeconds(15), "The store never went back to Redis after it answered again.");
        Assert.Equal(1, log.Count(LogLevel.Warning));
    }
}
