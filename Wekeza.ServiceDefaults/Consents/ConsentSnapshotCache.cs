using System.Text.Json;
using StackExchange.Redis;

namespace Wekeza.Consents;

/// <summary>
/// Consents as the API's hot path reads them: one Redis GET per request, shared by every replica, so a revocation
/// written here is seen by all of them on their next request, and nobody calls auth or PostgreSQL to check a token.
/// </summary>
/// <remarks>
/// Writers are the API (after each change it commits, and when it fills a miss from bankdb) and the workers (from
/// each consent event, which the outbox guarantees). They can race; the script keeps the furthest stage, so a slow
/// writer carrying an older status never overwrites a newer one (a revoked consent cannot come back to life).
/// </remarks>
public sealed class ConsentSnapshotCache(IConnectionMultiplexer redis, TimeProvider clock)
{
    private const string KeyPrefix = "wekeza:consent:";

    /// <summary>How long an ended consent stays cached: its tokens have expired long before.</summary>
    private static readonly TimeSpan EndedLifetime = TimeSpan.FromDays(1);

    // KEYS[1] the consent; ARGV[1] the new stage; ARGV[2] the value ("stage|json"); ARGV[3] time to live (ms).
    private static readonly LuaScript AdvanceScript = LuaScript.Prepare("""
        local current = redis.call('GET', @key)
        if current and tonumber(string.sub(current, 1, 1)) > tonumber(@stage) then
          return 0
        end
        redis.call('SET', @key, @value, 'PX', @ttl)
        return 1
        """);

    public async Task<ConsentSnapshot?> GetAsync(string consentId)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(consentId));
        return value.HasValue ? Parse(value.ToString()) : null;
    }

    /// <summary>Stores <paramref name="snapshot"/> unless the cache already holds a later stage of the same consent.</summary>
    public async Task AdvanceAsync(ConsentSnapshot snapshot)
    {
        var ttl = snapshot.Stage == 2
            ? EndedLifetime
            : (snapshot.ExpiresAt - clock.GetUtcNow()) + EndedLifetime;
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        await redis.GetDatabase().ScriptEvaluateAsync(AdvanceScript, new
        {
            key = (RedisKey)Key(snapshot.ConsentId),
            stage = snapshot.Stage,
            value = $"{snapshot.Stage}|{JsonSerializer.Serialize(snapshot, JsonSerializerOptions.Web)}",
            ttl = (long)ttl.TotalMilliseconds,
        });
    }

    private static string Key(string consentId) => KeyPrefix + consentId;

    private static ConsentSnapshot? Parse(string value)
    {
        var separator = value.IndexOf('|');
        return separator < 0 ? null : JsonSerializer.Deserialize<ConsentSnapshot>(value.AsSpan(separator + 1), JsonSerializerOptions.Web);
    }
}
