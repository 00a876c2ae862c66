using System.Diagnostics;
using System.Globalization;

namespace Wekeza.Bench;

/// <summary>Percentiles of Stopwatch-tick samples (nearest rank).</summary>
internal sealed class Latencies
{
    private readonly long[] _sorted;

    public Latencies(IEnumerable<long> ticks)
    {
        _sorted = [.. ticks];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    /// <summary>The samples, in Stopwatch ticks (to merge runs).</summary>
    public IReadOnlyList<long> Ticks => _sorted;

    public double Mean => Count == 0 ? 0 : ToMicroseconds(_sorted.Average(t => (double)t));

    public double Max => Count == 0 ? 0 : ToMicroseconds(_sorted[^1]);

    public double Percentile(double p) =>
        Count == 0 ? 0 : ToMicroseconds(_sorted[Math.Clamp((int)Math.Ceiling(p / 100 * Count) - 1, 0, Count - 1)]);

    /// <summary>"p50 1.23  p95 …  p99 …  max …  mean …" in milliseconds or microseconds.</summary>
    public string Summary(bool milliseconds)
    {
        var scale = milliseconds ? 1000.0 : 1.0;
        string F(double us) => (us / scale).ToString(milliseconds ? "0.00" : "0.0", CultureInfo.InvariantCulture);
        return $"p50 {F(Percentile(50))}  p95 {F(Percentile(95))}  p99 {F(Percentile(99))}  max {F(Max)}  mean {F(Mean)}";
    }

    private static double ToMicroseconds(double ticks) => ticks * 1_000_000 / Stopwatch.Frequency;
}
