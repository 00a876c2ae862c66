using StackExchange.Redis;

namespace Wekeza.ServiceDefaults.RateLimiting;

/// <summary>
/// One acquisition as one Lua script, so it is atomic across every replica: read the partition's TAT, decide, write.
/// </summary>
/// <remarks>
/// Why GCRA rather than a fixed window, a sliding log or a token bucket of two fields: a partition's state is a single
/// number under a single key, so each call is O(1) in time and memory (a sliding log keeps a sorted set of up to N
/// timestamps per app, 20 000 for an internal client); there is no window edge at which a client gets twice its
/// budget (fixed windows); Retry-After falls out exactly (the moment the next permit is due); and the key expires by
/// itself the moment the budget is full again, which is also when forgetting it changes nothing. The clock is Redis's
/// own (<c>TIME</c>), so replicas whose clocks disagree still share one schedule. Needs Redis 5 or later, where
/// scripts may call TIME before writing.
/// </remarks>
internal static class RedisGcra
{
    // KEYS[1]: the partition. ARGV: emission interval (µs), burst, permits asked for (0 only looks).
    // The TAT is stored with %.0f: Lua would otherwise write it with 14 significant digits and lose the microseconds.
    // Replies: allowed (1/0), remaining, µs until full again, µs until a retry can succeed (0 when allowed).
    public const string Script = """
        local interval = tonumber(ARGV[1])
        local burst = tonumber(ARGV[2])
        local permits = tonumber(ARGV[3])
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
        local tat = now
        local stored = redis.call('GET', KEYS[1])
        if stored then
          tat = math.max(tonumber(stored), now)
        end
        local capacity = burst * interval
        local new_tat = tat + permits * interval
        local allow_at = new_tat - capacity
        if allow_at > now then
          return {0, math.max(0, math.floor((capacity - (tat - now)) / interval + 0.000001)), math.ceil(tat - now), math.ceil(allow_at - now)}
        end
        if permits > 0 then
          redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000))
        end
        return {1, math.max(0, math.floor((capacity - (new_tat - now)) / interval + 0.000001)), math.ceil(new_tat - now), 0}
        """;

    public static async Task<RateLimitDecision> AcquireAsync(IDatabaseAsync database, string key, RateLimitPolicy policy, int permits)
    {
        var reply = (RedisResult[])(await database.ScriptEvaluateAsync(Script, [key], [policy.EmissionIntervalMicroseconds, policy.Burst, permits]))!;
        return new RateLimitDecision(
            IsAllowed: (long)reply[0] == 1,
            Remaining: (int)(long)reply[1],
            ResetAfter: TimeSpan.FromMicroseconds((long)reply[2]),
            RetryAfter: TimeSpan.FromMicroseconds((long)reply[3]),
            IsShared: true);
    }
}
