using Microsoft.Extensions.Logging;
using Wekeza.ServiceDefaults.RateLimiting;

namespace Wekeza.Api.Tests.Gateway.RateLimiting;

/// <summary>A clock the test moves by hand (the local limiter reads only timestamps).</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = 1_000_000;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>Keeps what a component logged, to count warnings.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public int Count(LogLevel level) => Entries.Count(e => e.Level == level);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, formatter(state, exception)));
        }
    }
}

internal static class Stores
{
    /// <summary>
    /// A store on <paramref name="redis"/> (one replica's view), once connected. The timeout is generous unless a test is
    /// about timeouts: a loaded test machine must not turn a slow answer into a fallback and make counts drift.
    /// </summary>
    public static async Task<RateLimitStore> ConnectedAsync(RedisServer redis, RecordingLogger<RateLimitStore>? logger = null, TimeSpan? timeout = null, TimeSpan? retryInterval = null)
    {
        var store = new RateLimitStore(
            new RateLimitStoreOptions(StackExchange.Redis.ConfigurationOptions.Parse(redis.ConnectionString), timeout ?? TimeSpan.FromSeconds(2), retryInterval ?? TimeSpan.FromSeconds(1)),
            logger ?? new RecordingLogger<RateLimitStore>(), TimeProvider.System);
        await Eventually(() => store.IsShared, TimeSpan.FromSeconds(10), "The store never connected to Redis.");
        return store;
    }

    public static async Task Eventually(Func<bool> condition, TimeSpan within, string failure)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static string NewKey() => $"test:{Guid.NewGuid():N}";
}
