using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Wekeza.Workers.Payments.Switch;

/// <summary>
/// A stand-in for the national switch, for development and the sandbox. It keeps no state: every decision is drawn
/// from a SHA-256 of the payment id, so a retried submission gets the first answer, in this process or the next,
/// which is exactly the idempotency a real switch promises. Apps can force an outcome with the payment's reference:
/// <c>SWITCH-FAIL…</c> is refused, <c>SWITCH-TIMEOUT…</c> never answers, <c>SWITCH-SLOW…</c> settles after 3 seconds.
/// </summary>
public sealed class SimulatedPaymentSwitch(IOptions<SimulatedSwitchOptions> options, TimeProvider clock) : IPaymentSwitch
{
    public const string RejectedCode = "switch_rejected";
    public const string RejectedDetail = "The receiving institution refused the transfer.";
    public static readonly TimeSpan SlowLatency = TimeSpan.FromSeconds(3);

    public async Task<SwitchOutcome> SubmitAsync(SwitchTransfer transfer, CancellationToken ct)
    {
        var settings = options.Value;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(transfer.PaymentId));
        // Independent draws from separate parts of the hash, so a failure rate does not change which payments time out.
        var (timeoutDraw, failureDraw, jitterDraw) = (Draw(hash, 8), Draw(hash, 16), Draw(hash, 24));
        var reference = transfer.Reference;

        if (IsMagic(reference, "SWITCH-TIMEOUT") || timeoutDraw < settings.TimeoutRate)
        {
            // The caller applies its own timeout and cancels; until then this is a switch that has gone quiet.
            await Task.Delay(Timeout.Infinite, ct);
        }

        if (IsMagic(reference, "SWITCH-SLOW"))
        {
            await Task.Delay(SlowLatency, clock, ct);
            return Settle(hash);
        }

        await Task.Delay(settings.Latency + settings.LatencyJitter * jitterDraw, clock, ct);
        return IsMagic(reference, "SWITCH-FAIL") || failureDraw < settings.FailureRate
            ? new SwitchOutcome.Refused(RejectedCode, RejectedDetail)
            : Settle(hash);
    }

    private static SwitchOutcome.Settled Settle(byte[] hash) => new("SW" + Convert.ToHexString(hash, 0, 6));

    private static bool IsMagic(string reference, string prefix) => reference.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>A uniform draw in [0, 1) from 53 bits of the hash at <paramref name="offset"/>.</summary>
    private static double Draw(byte[] hash, int offset) =>
        (BinaryPrimitives.ReadUInt64BigEndian(hash.AsSpan(offset)) >> 11) * (1.0 / (1UL << 53));
}
