using System.Collections.Concurrent;

namespace Wekeza.ServiceDefaults.RateLimiting;

/// <summary>
/// The same policy in this process alone: what a replica enforces while Redis cannot be asked. Its budgets are this
/// replica's own, so during an outage an app can get up to one full budget per replica.
/// </summary>
internal sealed class LocalGcra(TimeProvider time)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _nextSweep = time.GetTimestamp() + ToTimestamp(SweepEvery, time);

    public int Count => _buckets.Count;

    public RateLimitDecision Acquire(string key, RateLimitPolicy policy, int permits)
    {
        var now = Now();
        SweepIfDue(now);
        while (true)
        {
            var bucket = _buckets.GetOrAdd(key, static _ => new Bucket());
            lock (bucket)
            {
                // Swept away between the lookup and the lock: start again with the bucket now in the map.
                if (bucket.Removed)
                {
                    continue;
                }

                var (decision, tat) = Gcra.Decide(bucket.Tat, now, policy, permits, shared: false);
                bucket.Tat = tat;
                return decision;
            }
        }
    }

    /// <summary>A bucket whose TAT has passed is full: forgetting it changes nothing, as the Redis key's expiry does.</summary>
    private void SweepIfDue(double now)
    {
        var timestamp = time.GetTimestamp();
        var due = Interlocked.Read(ref _nextSweep);
        if (timestamp < due || Interlocked.CompareExchange(ref _nextSweep, timestamp + ToTimestamp(SweepEvery, time), due) != due)
        {
            return;
        }

        foreach (var (key, bucket) in _buckets)
        {
            lock (bucket)
            {
                if (bucket.Tat <= now)
                {
                    bucket.Removed = true;
                    _buckets.TryRemove(new KeyValuePair<string, Bucket>(key, bucket));
                }
            }
        }
    }

    private double Now() => time.GetTimestamp() * 1_000_000d / time.TimestampFrequency;

    private static long ToTimestamp(TimeSpan span, TimeProvider time) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private sealed class Bucket
    {
        public double Tat;
        public bool Removed;
    }
}
