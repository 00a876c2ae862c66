using StackExchange.Redis;

namespace Wekeza.Auth.Features.Email;

/// <summary>
/// Which one-off notices have gone out, so an event delivered twice (delivery is at least once) does not send its
/// email twice. Best effort: a notice is recorded after it was sent, so a crash in between sends it again, and an
/// unreadable record counts as not sent. A duplicate email is acceptable; a lost one is not.
/// </summary>
public interface ISentEmails
{
    Task<bool> WasSentAsync(string key);

    Task RecordAsync(string key, TimeSpan keepFor);
}

/// <summary>In the shared cache, so every replica sees what any of them sent.</summary>
internal sealed partial class RedisSentEmails(IConnectionMultiplexer redis, ILogger<RedisSentEmails> logger) : ISentEmails
{
    private const string Prefix = "wekeza:auth:sent-email:";

    public async Task<bool> WasSentAsync(string key)
    {
        try
        {
            return await redis.GetDatabase().KeyExistsAsync(Prefix + key);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnavailable(ex, key);
            return false;
        }
    }

    public async Task RecordAsync(string key, TimeSpan keepFor)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Prefix + key, "1", keepFor);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnavailable(ex, key);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not reach the cache for sent email {Key}; a redelivered event may send it again")]
    private partial void LogUnavailable(Exception exception, string key);
}
