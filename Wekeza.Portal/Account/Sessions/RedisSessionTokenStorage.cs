using StackExchange.Redis;

namespace Wekeza.Portal.Account.Sessions;

internal sealed class RedisSessionTokenStorage(IConnectionMultiplexer redis) : ISessionTokenStorage
{
    private const string Prefix = "wekeza:portal:session:";

    private IDatabase Database => redis.GetDatabase();

    public async Task<byte[]?> ReadAsync(string sessionId) => await Database.StringGetAsync(Key(sessionId));

    public Task WriteAsync(string sessionId, byte[] protectedTokens, TimeSpan timeToLive) =>
        Database.StringSetAsync(Key(sessionId), protectedTokens, timeToLive);

    public Task RemoveAsync(string sessionId) => Database.KeyDeleteAsync(Key(sessionId));

    public Task<bool> TryLockAsync(string sessionId, string owner, TimeSpan timeout) =>
        Database.LockTakeAsync(LockKey(sessionId), owner, timeout);

    public Task ReleaseAsync(string sessionId, string owner) => Database.LockReleaseAsync(LockKey(sessionId), owner);

    private static RedisKey Key(string sessionId) => Prefix + sessionId;

    private static RedisKey LockKey(string sessionId) => Prefix + sessionId + ":refresh-lock";
}
