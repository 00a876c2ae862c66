using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Wekeza.ServiceDefaults.RateLimiting;

/// <summary>
/// Budgets shared by every replica through Redis, and what happens when Redis cannot be asked: the request is decided
/// by the same policy in this process (<see cref="LocalGcra"/>). Failing open to a local limit rather than refusing
/// (an outage of the cache would stop the API) or letting everything through (one replica would have no limit at
/// all). One warning when an outage starts, one line when it ends; recovery needs nobody.
/// </summary>
public sealed partial class RateLimitStore : IDisposable
{
    private readonly RateLimitStoreOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly LocalGcra _local;
    private readonly long _retryIntervalTicks;
    private readonly Lock _lifetime = new();
    private IConnectionMultiplexer? _redis;
    private long _skipRedisUntil;
    private int _inOutage;
    private bool _disposed;

    public RateLimitStore(RateLimitStoreOptions options, ILogger<RateLimitStore> logger, TimeProvider time)
    {
        _options = options;
        _logger = logger;
        _time = time;
        _local = new LocalGcra(time);
        _retryIntervalTicks = (long)(options.RetryInterval.TotalSeconds * time.TimestampFrequency);
        if (options.Redis is null)
        {
            LogLocalOnly(logger);
        }
        else
        {
            // In the background: start-up never waits for Redis, and requests are limited locally until it answers.
            _ = ConnectAsync(options.ConnectionOptions());
        }
    }

    /// <summary>Whether the last decision went through Redis (or, before any, whether it will be tried).</summary>
    public bool IsShared => Volatile.Read(ref _inOutage) == 0 && _redis is { IsConnected: true };

    public ValueTask<RateLimitDecision> AcquireAsync(string key, RateLimitPolicy policy, int permits = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permits);
        if (_redis is { } redis)
        {
            if (!redis.IsConnected)
            {
                // The multiplexer knows the connection is gone (refused, reset): no point in a round trip.
                OutageBegins("not connected");
            }
            else if (_time.GetTimestamp() >= Volatile.Read(ref _skipRedisUntil))
            {
                return AcquireSharedAsync(redis, key, policy, permits, cancellationToken);
            }
        }

        return ValueTask.FromResult(_local.Acquire(key, policy, permits));
    }

    private async ValueTask<RateLimitDecision> AcquireSharedAsync(IConnectionMultiplexer redis, string key, RateLimitPolicy policy, int permits, CancellationToken cancellationToken)
    {
        var call = RedisGcra.AcquireAsync(redis.GetDatabase(), _options.KeyPrefix + key, policy, permits);
        try
        {
            var decision = await call.WaitAsync(_options.Timeout, _time, cancellationToken);
            if (Volatile.Read(ref _inOutage) == 1 && Interlocked.Exchange(ref _inOutage, 0) == 1)
            {
                LogShared(_logger);
            }

            return decision;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The abandoned call may still fail later; observe it so it is not reported as unobserved.
            _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            Volatile.Write(ref _skipRedisUntil, _time.GetTimestamp() + _retryIntervalTicks);
            OutageBegins(ex is TimeoutException ? $"no answer within {_options.Timeout.TotalMilliseconds:0} ms" : ex.Message);
            return _local.Acquire(key, policy, permits);
        }
    }

    private void OutageBegins(string reason)
    {
        if (Volatile.Read(ref _inOutage) == 0 && Interlocked.Exchange(ref _inOutage, 1) == 0)
        {
            LogLocal(_logger, reason);
        }
    }

    private async Task ConnectAsync(ConfigurationOptions configuration)
    {
        try
        {
            var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
            lock (_lifetime)
            {
                if (_disposed)
                {
                    redis.Dispose();
                    return;
                }

                _redis = redis;
            }
        }
        catch (Exception ex)
        {
            // Only a configuration the client rejects outright ends here (connection failures are retried inside).
            LogCannotConnect(_logger, ex);
        }
    }

    public void Dispose()
    {
        lock (_lifetime)
        {
            _disposed = true;
            _redis?.Dispose();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Rate limits are enforced per replica until Redis answers again ({Reason}): each replica gives every app its full budget on its own")]
    private static partial void LogLocal(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "Redis answers again: rate limits are shared across replicas again")]
    private static partial void LogShared(ILogger logger);

    [LoggerMessage(LogLevel.Information, "No cache connection string: rate limits are enforced per replica")]
    private static partial void LogLocalOnly(ILogger logger);

    [LoggerMessage(LogLevel.Error, "The rate limiter cannot use its Redis configuration: rate limits are enforced per replica")]
    private static partial void LogCannotConnect(ILogger logger, Exception exception);
}
