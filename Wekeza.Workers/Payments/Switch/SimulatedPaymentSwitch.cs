using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Wekeza.Workers.Payments.Sandbox;

namespace Wekeza.Workers.Payments.Switch;

/// <summary>
/// A stand-in for the national switch, for development and the sandbox. It keeps no state: every decision is drawn
/// from a SHA-256 of the payment id, so a retried submission gets the first answer, in this process or the next,
/// which is exactly the idempotency a real switch promises. Sandbox apps can force an outcome with the payment's
/// reference (<see cref="MagicReferences"/>): <c>SWITCH-FAIL…</c> is refused, <c>SWITCH-TIMEOUT…</c> never answers,
/// <c>SWITCH-SLOW…</c> settles after 3 seconds, <c>SWITCH-PENDING…</c> is held for <see cref="SimulatedSwitchOptions.HeldSettlement"/>.
/// </summary>
public sealed class SimulatedPaymentSwitch(IOptions<SimulatedSwitchOptions> options, TimeProvider clock) : IPaymentSwitch
{
    public const string RejectedCode = "switch_rejected";
    public const string RejectedDetail = "The receiving institution refused the transfer.";
    public static readonly TimeSpan SlowLatency = TimeSpan.FromSeconds(3);

    public async Task<SwitchOutcome> SubmitAsync(SwitchTransfer transfer, CancellationToken ct)
    {
        var settings = options.Value;
        var hash = Hash(transfer.PaymentId);
        // Independent draws from separate parts of the hash, so a failure rate does not change which payments time out.
        var (timeoutDraw, failureDraw, jitterDraw) = (Draw(hash, 8), Draw(hash, 16), Draw(hash, 24));
        bool Magic(string reference) => MagicReferences.Applies(transfer.Sandbox, transfer.Reference, reference);

        // Before the random timeouts: a developer who asks for a held settlement should always get one.
        if (Magic(MagicReferences.SwitchPending))
        {
            await Task.Delay(settings.Latency + settings.LatencyJitter * jitterDraw, clock, ct);
            return new SwitchOutcome.Held(settings.HeldSettlement);
        }

        if (Magic(MagicReferences.SwitchTimeout) || timeoutDraw < settings.TimeoutRate)
        {
            // The caller applies its own timeout and cancels; until then this is a switch that has gone quiet.
            await Task.Delay(Timeout.Infinite, ct);
        }

        if (Magic(MagicReferences.SwitchSlow))
        {
            await Task.Delay(SlowLatency, clock, ct);
            return Settle(hash);
        }

        await Task.Delay(settings.Latency + settings.LatencyJitter * jitterDraw, clock, ct);
        return Magic(MagicReferences.SwitchFail) || failureDraw < settings.FailureRate
            ? new SwitchOutcome.Refused(RejectedCode, RejectedDetail)
            : Settle(hash);
    }

    /// <summary>The reference the simulator settles <paramref name="paymentId"/> with, now or when a held settlement falls due.</summary>
    public static string ReferenceFor(string paymentId) => Settle(Hash(paymentId)).SwitchReference;

    private static byte[] Hash(string paymentId) => SHA256.HashData(Encoding.UTF8.GetBytes(paymentId));

    private static SwitchOutcome.Settled Settle(byte[] hash) => new("SW" + Convert.ToHexString(hash, 0, 6));

    /// <summary>A uniform draw in [0, 1) from 53 bits of the hash at <paramref name="offset"/>.</summary>
    private static double Draw(byte[] hash, int offset) =>
        (BinaryPrimitives.ReadUInt64BigEndian(hash.AsSpan(offset)) >> 11) * (1.0 / (1UL << 53));
}
