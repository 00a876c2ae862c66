using System.Diagnostics;
using Microsoft.Extensions.Options;
using Wekeza.Api.Gateway.Metering;

namespace Wekeza.Api.Tests.Gateway;

public sealed class UsageBufferTests
{
    private static ApiCallRecord Call(int status = 200) =>
        new("sbx_app", "GET", "/v1/accounts", status, 3.5, DateTimeOffset.UtcNow, "Sandbox");

    [Fact]
    public void When_full_a_record_is_dropped_and_counted_without_waiting()
    {
        var buffer = new UsageBuffer(Options.Create(new MeteringOptions { Capacity = 3 }));

        var started = Stopwatch.GetTimestamp();
        var accepted = Enumerable.Range(0, 10).Select(i => buffer.TryAdd(Call(200 + i))).ToList();
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal([true, true, true, false, false, false, false, false, false, false], accepted);
        Assert.Equal(7, buffer.Dropped);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"Adding to a full buffer took {elapsed}");
        // The oldest are kept, in order: what was dropped is the overflow.
        Assert.True(buffer.Reader.TryRead(out var first));
        Assert.Equal(200, first.Status);
    }

    [Fact]
    public async Task Writers_on_many_threads_never_block_and_every_record_is_kept_or_counted()
    {
        var buffer = new UsageBuffer(Options.Create(new MeteringOptions { Capacity = 1000 }));

        var accepted = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 5000).Count(_ => buffer.TryAdd(Call())), TestContext.Current.CancellationToken)))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(1000, accepted.Sum());
        Assert.Equal(40_000 - 1000, buffer.Dropped);
    }

    [Fact]
    public void Once_drained_it_accepts_again()
    {
        var buffer = new UsageBuffer(Options.Create(new MeteringOptions { Capacity = 1 }));
        Assert.True(buffer.TryAdd(Call()));
        Assert.False(buffer.TryAdd(Call()));

        Assert.True(buffer.Reader.TryRead(out _));

        Assert.True(buffer.TryAdd(Call()));
        Assert.Equal(1, buffer.Dropped);
    }
}
