using System.Globalization;

namespace Wekeza.Banking.Usage;

/// <summary>
/// The fixed latency histogram every rollup row carries: counts per bucket add up across minutes, routes and
/// replicas, so a percentile over any range is read from the merged counts (exact to the bucket, interpolated within
/// it). Changing the bounds needs a migration of the stored counts: they are part of the data.
/// </summary>
public static class LatencyBuckets
{
    /// <summary>Upper bounds (exclusive, milliseconds) of every bucket but the last, which is unbounded.</summary>
    public static readonly double[] UpperBoundsMs = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    public static int Count => UpperBoundsMs.Length + 1;

    public static int IndexOf(double durationMs)
    {
        var index = Array.BinarySearch(UpperBoundsMs, durationMs);
        // An exact bound belongs to the bucket above it (bounds are exclusive).
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>Adds <paramref name="source"/> into <paramref name="target"/>, bucket by bucket.</summary>
    public static void Merge(long[] target, IReadOnlyList<long> source)
    {
        for (var i = 0; i < Math.Min(target.Length, source.Count); i++)
        {
            target[i] += source[i];
        }
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0–1) of the calls counted in <paramref name="buckets"/>, interpolated
    /// linearly inside the bucket it falls in; the open last bucket answers with <paramref name="maxMs"/>, the
    /// slowest call seen. Null without calls.
    /// </summary>
    public static double? Percentile(IReadOnlyList<long> buckets, double quantile, double maxMs)
    {
        long total = 0;
        foreach (var count in buckets)
        {
            total += count;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = quantile * total;
        long seen = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            if (buckets[i] == 0 || seen + buckets[i] < rank)
            {
                seen += buckets[i];
                continue;
            }

            if (i >= UpperBoundsMs.Length)
            {
                return Math.Round(maxMs, 1);
            }

            var lower = i == 0 ? 0 : UpperBoundsMs[i - 1];
            var upper = Math.Min(UpperBoundsMs[i], Math.Max(maxMs, lower));
            var within = (rank - seen) / buckets[i];
            return Math.Round(lower + (upper - lower) * within, 1);
        }

        return Math.Round(maxMs, 1);
    }

    /// <summary>SQL for the bucket counts of a set of <c>"DurationMs"</c> values: <c>ARRAY[count(*) FILTER (…), …]</c>.</summary>
    public static string CountsSql(string column)
    {
        var parts = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            var lower = i == 0 ? null : UpperBoundsMs[i - 1].ToString(CultureInfo.InvariantCulture);
            var upper = i < UpperBoundsMs.Length ? UpperBoundsMs[i].ToString(CultureInfo.InvariantCulture) : null;
            var condition = (lower, upper) switch
            {
                (null, { } u) => $"{column} < {u}",
                ({ } l, null) => $"{column} >= {l}",
                ({ } l, { } u) => $"{column} >= {l} AND {column} < {u}",
                _ => "true",
            };
            parts.Add($"count(*) FILTER (WHERE {condition})");
        }

        return $"ARRAY[{string.Join(", ", parts)}]::bigint[]";
    }

    /// <summary>SQL summing the <c>"Buckets"</c> arrays of grouped rollup rows, element by element.</summary>
    public static string SumSql(string column) =>
        $"ARRAY[{string.Join(", ", Enumerable.Range(1, Count).Select(i => $"sum({column}[{i}])::bigint"))}]";
}
