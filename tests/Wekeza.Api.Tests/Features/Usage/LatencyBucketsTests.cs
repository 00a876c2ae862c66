using Wekeza.Banking.Usage;

namespace Wekeza.Api.Tests.Features.Usage;

public sealed class LatencyBucketsTests
{
    private static long[] Histogram(params double[] durations)
    {
        var buckets = new long[LatencyBuckets.Count];
        foreach (var duration in durations)
        {
            buckets[LatencyBuckets.IndexOf(duration)]++;
        }

        return buckets;
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4.99, 0)]
    [InlineData(5, 1)]
    [InlineData(24.9, 2)]
    [InlineData(999, 7)]
    [InlineData(10_000, 11)]
    [InlineData(600_000, 11)]
    public void Each_duration_falls_in_one_bucket_with_exclusive_upper_bounds(double durationMs, int bucket) =>
        Assert.Equal(bucket, LatencyBuckets.IndexOf(durationMs));

    [Fact]
    public void A_percentile_is_interpolated_inside_its_bucket()
    {
        // 100 calls between 10 and 25 ms: the median is half way, p95 near the top.
        var buckets = Histogram([.. Enumerable.Repeat(12.0, 100)]);

        Assert.Equal(17.5, LatencyBuckets.Percentile(buckets, 0.50, maxMs: 25));
        Assert.InRange(LatencyBuckets.Percentile(buckets, 0.95, maxMs: 25)!.Value, 24.2, 24.3);
        // Never above the slowest call seen.
        Assert.Equal(11.9, LatencyBuckets.Percentile(buckets, 0.95, maxMs: 12));
    }

    [Fact]
    public void The_slow_tail_moves_p95_but_not_p50()
    {
        // 90 fast calls (under 5 ms) and 10 slow ones (250–500 ms).
        var buckets = Histogram([.. Enumerable.Repeat(2.0, 90), .. Enumerable.Repeat(300.0, 10)]);

        Assert.InRange(LatencyBuckets.Percentile(buckets, 0.50, maxMs: 320)!.Value, 0, 5);
        Assert.InRange(LatencyBuckets.Percentile(buckets, 0.95, maxMs: 320)!.Value, 250, 320);
    }

    [Fact]
    public void Merged_histograms_answer_as_one_histogram_of_all_the_calls()
    {
        var morning = Histogram(1, 2, 3, 40, 45);
        var evening = Histogram(700, 800, 900, 30, 4);
        var merged = new long[LatencyBuckets.Count];

        LatencyBuckets.Merge(merged, morning);
        LatencyBuckets.Merge(merged, evening);

        Assert.Equal(Histogram(1, 2, 3, 40, 45, 700, 800, 900, 30, 4), merged);
        Assert.Equal(10, merged.Sum());
        Assert.InRange(LatencyBuckets.Percentile(merged, 0.50, 900)!.Value, 25, 50);
    }

    [Fact]
    public void The_open_last_bucket_answers_with_the_slowest_call_and_no_calls_with_nothing()
    {
        Assert.Equal(42_000, LatencyBuckets.Percentile(Histogram(42_000), 0.95, 42_000));
        Assert.Null(LatencyBuckets.Percentile(new long[LatencyBuckets.Count], 0.5, 0));
    }
}
