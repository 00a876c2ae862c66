using Microsoft.Extensions.Logging.Abstractions;
using Wekeza.Workers.Observability;

namespace Wekeza.Workers.Tests.Observability;

/// <summary>The gauges' reads: at most one per period, never blocking a scrape for long, never throwing into it.</summary>
public sealed class CachedReadingTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void Scrapes_within_the_period_share_one_read_and_the_next_period_reads_again()
    {
        var reads = 0;
        var reading = Reading(_ => Task.FromResult(new Box(++reads)));

        Assert.Equal(1, reading.Current()!.Value);
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, reading.Current()!.Value);
        Assert.Equal(1, reads);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, reading.Current()!.Value);
        Assert.Equal(2, reads);
    }

    [Fact]
    public void A_failed_read_keeps_the_last_figure_and_is_not_thrown_and_is_not_retried_before_the_period()
    {
        var reads = 0;
        var reading = Reading(_ => ++reads == 1 ? Task.FromResult(new Box(7)) : throw new InvalidOperationException("database away"));

        Assert.Equal(7, reading.Current()!.Value);
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(7, reading.Current()!.Value);
        Assert.Equal(7, reading.Current()!.Value);
        Assert.Equal(2, reads);
    }

    [Fact]
    public void Without_any_successful_read_there_is_no_figure()
    {
        var reading = Reading(_ => Task.FromException<Box>(new TimeoutException()));

        Assert.Null(reading.Current());
    }

    [Fact]
    public async Task A_slow_read_does_not_hold_the_scrape_past_its_wait_and_its_figure_serves_the_next_scrape()
    {
        var release = new TaskCompletionSource<Box>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = new CachedReading<Box>(_ => release.Task, _clock, NullLogger.Instance, "a test figure") { Wait = TimeSpan.FromMilliseconds(50) };

        var started = DateTime.UtcNow;
        Assert.Null(reading.Current());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2));

        release.SetResult(new Box(3));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(3, reading.Current()!.Value);
    }

    private CachedReading<Box> Reading(Func<CancellationToken, Task<Box>> read) => new(read, _clock, NullLogger.Instance, "a test figure");

    private sealed record Box(int Value);
}
