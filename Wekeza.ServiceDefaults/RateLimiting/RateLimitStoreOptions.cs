using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Wekeza.ServiceDefaults.RateLimiting;

/// <summary>Where the shared budgets live and how long a request may wait for them.</summary>
/// <param name="Redis">The connection, or null to limit in process only (no cache configured).</param>
/// <param name="Timeout">
/// The most a request waits for Redis (<c>RateLimits:RedisTimeout</c>, default 20 ms). On loopback or in one data
/// centre the script answers in well under a millisecond; a request that waited this long is limited locally instead.
/// </param>
/// <param name="RetryInterval">
/// After a failure, how long every request skips Redis before one tries it again (<c>RateLimits:RedisRetryInterval</c>,
/// default 1 s), so a hung Redis costs at most one timeout per interval and replica, not one per request.
/// </param>
public sealed record RateLimitStoreOptions(ConfigurationOptions? Redis, TimeSpan Timeout, TimeSpan RetryInterval, string KeyPrefix = RateLimitStoreOptions.DefaultKeyPrefix)
{
    public const string Section = "RateLimits";
    public const string DefaultKeyPrefix = "wekeza:rate-limit:";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(20);
    public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromSeconds(1);

    public static RateLimitStoreOptions FromConfiguration(IConfiguration configuration, string connectionName)
    {
        var section = configuration.GetSection(Section);
        var connectionString = configuration.GetConnectionString(connectionName);
        return new RateLimitStoreOptions(
            string.IsNullOrWhiteSpace(connectionString) ? null : ConfigurationOptions.Parse(connectionString),
            section.GetValue("RedisTimeout", DefaultTimeout),
            section.GetValue("RedisRetryInterval", DefaultRetryInterval));
    }

    /// <summary>
    /// The rate limiter's own connection, tuned so Redis being away costs requests nothing: it never queues commands
    /// while disconnected (they fail at once and the request is limited locally), reconnects by itself every second,
    /// and never blocks start-up. Its own, not the service's shared multiplexer, whose 5-second timeouts and
    /// backlog suit data protection and caches, not a check on every request.
    /// </summary>
    internal ConfigurationOptions ConnectionOptions()
    {
        var options = Redis!.Clone();
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = 2000;
        options.AsyncTimeout = 1000;
        options.SyncTimeout = 1000;
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        options.ClientName ??= "wekeza-rate-limits";
        options.SocketManager = SocketManager.ThreadPool;
        return options;
    }
}
