using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Gateway.Metering;

/// <summary>
/// The bounded hand-off between the request path and <see cref="UsageWriter"/>. A request only ever tries to write:
/// when the writer has fallen behind (the database is slow or down) the record is dropped and counted
/// (<c>wekeza.usage.records_dropped</c>, and a warning from the writer), and the request goes on unharmed. Usage is
/// evidence, not money: losing some under overload beats slowing every call.
/// </summary>
internal sealed class UsageBuffer
{
    private static readonly Meter Meter = new(WekezaTelemetry.MeterName);
    private static readonly Counter<long> DroppedCounter = Meter.CreateCounter<long>("wekeza.usage.records_dropped",
        description: "Usage records dropped because the metering buffer was full");

    private readonly Channel<ApiCallRecord> _channel;
    private long _dropped;

    public UsageBuffer(IOptions<MeteringOptions> options)
    {
        // Wait mode, but nobody waits: TryWrite answers false when full instead of blocking (DropWrite would answer
        // true for a dropped record, and the drop would go uncounted).
        _channel = Channel.CreateBounded<ApiCallRecord>(new BoundedChannelOptions(Math.Max(1, options.Value.Capacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>Records dropped since the start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<ApiCallRecord> Reader => _channel.Reader;

    /// <summary>Never blocks: false when the record was dropped.</summary>
    public bool TryAdd(in ApiCallRecord record)
    {
        if (_channel.Writer.TryWrite(record))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        DroppedCounter.Add(1);
        return false;
    }

    /// <summary>No more records (shutdown): the writer drains what is left and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
