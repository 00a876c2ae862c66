using System.Diagnostics;

namespace Wekeza.Bench;

/// <summary>
/// One clock for the bench's own instants (Stopwatch ticks: the commit and the receipt, both in this process) and the
/// workers' timestamps in bankdb (wall clock, the same machine): ticks are placed on the wall clock through one anchor
/// taken at start-up, so a run's few minutes of drift between the two are negligible.
/// </summary>
internal static class BenchClock
{
    private static readonly long AnchorTicks = Stopwatch.GetTimestamp();
    private static readonly DateTimeOffset AnchorUtc = DateTimeOffset.UtcNow;

    public static DateTimeOffset ToUtc(long ticks) => AnchorUtc + Stopwatch.GetElapsedTime(AnchorTicks, ticks);

    /// <summary>From <paramref name="ticks"/> to <paramref name="at"/>, in Stopwatch ticks (what <see cref="Latencies"/> takes).</summary>
    public static long TicksBetween(long ticks, DateTimeOffset at) => (long)((at - ToUtc(ticks)).TotalSeconds * Stopwatch.Frequency);

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
