using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wekeza.Payments;
using Wekeza.ServiceDefaults.Sandbox;
using Wekeza.Webhooks;
using Wekeza.Workers.Payments.Sandbox;
using Wekeza.Workers.Payments.Switch;

namespace Wekeza.Workers.Payments;

/// <summary>
/// The sandbox's ways to end a payment: a held settlement falling due, and an outcome forced by the sandbox controls.
/// Both end it through the switch's own paths (the same entries, statuses and events), under the payment's row lock
/// with its status checked, so two replicas, or a redelivery, never end one payment twice.
/// </summary>
internal sealed partial class PaymentProcessing
{
    private const string SandboxRejectedDetail = "Rejected by the sandbox controls.";
    private const string SandboxFailedDetail = "Failed by the sandbox controls; the money was returned.";

    /// <summary>A held settlement whose due time its app's sandbox clock has reached → Completed, as the switch settles.</summary>
    public Task SettleHeldAsync(string paymentId, CancellationToken cancellationToken) =>
        StepAsync(async ct =>
        {
            using var activity = Activity.StartActivity("payment.settle-held");
            activity?.SetTag("payment.id", paymentId);
            db.ChangeTracker.Clear();
            if (await LockAsync(paymentId, PaymentStatuses.AcceptedSettlementInProcess, ct) is not { SettlementDueAt: { } due } locked)
            {
                return;
            }

            // Asked again under the lock: the app may have reset its clock since the sweep found the payment due.
            var now = clock.GetUtcNow();
            if (due > await db.NowAsync(locked.ClientId, now, ct))
            {
                return;
            }

            await CompleteSettlementAsync(locked, SimulatedPaymentSwitch.ReferenceFor(locked.Id), now, ct);
        }, cancellationToken);

    /// <summary>
    /// The sandbox controls' verdict: AcceptedSettlementInProcess (held or waiting for the switch) → Completed or Failed,
    /// Pending → Rejected. The API checks the status before it asks, so anything else is a race it lost: dropped.
    /// </summary>
    public Task ApplySandboxOutcomeAsync(SandboxPaymentOutcome outcome, CancellationToken cancellationToken) =>
        StepAsync(async ct =>
        {
            using var activity = Activity.StartActivity("payment.sandbox-outcome");
            activity?.SetTag("payment.id", outcome.PaymentId);
            db.ChangeTracker.Clear();
            if (await LockAsync(outcome.PaymentId, ct) is not { } payment)
            {
                return;
            }

            // The message names the app: another app's payment, or any production payment, is never forced.
            if (payment.ClientId != outcome.ClientId || !ClientEnvironments.IsSandbox(payment.ClientId))
            {
                LogOutcomeIgnored(payment.Id, outcome.Status, "not a payment of the sandbox app that asked");
                return;
            }

            var now = clock.GetUtcNow();
            switch ((payment.Status, outcome.Status))
            {
                case (PaymentStatuses.AcceptedSettlementInProcess, PaymentStatuses.Completed):
                    await CompleteSettlementAsync(payment, SandboxSwitchReference(payment.Id), now, ct);
                    break;
                case (PaymentStatuses.AcceptedSettlementInProcess, PaymentStatuses.Failed):
                    await FailSettlementAsync(payment, outcome.ReasonCode ?? SandboxPaymentOutcome.DefaultFailedReason, SandboxFailedDetail, now, ct);
                    break;
                case (PaymentStatuses.Pending, PaymentStatuses.Rejected):
                    await RejectAsync(payment, outcome.ReasonCode ?? SandboxPaymentOutcome.DefaultRejectedReason, SandboxRejectedDetail, now, ct);
                    break;
                default:
                    LogOutcomeIgnored(payment.Id, outcome.Status, $"the payment is {payment.Status}");
                    break;
            }
        }, cancellationToken);

    /// <summary>The same for every attempt at one payment, and recognisably not the switch's own <c>SW…</c>.</summary>
    private static string SandboxSwitchReference(string paymentId) =>
        "SBX" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(paymentId)), 0, 6);

    [LoggerMessage(LogLevel.Information, "Payment {PaymentId}: the sandbox controls' {Outcome} changes nothing: {Why}")]
    private partial void LogOutcomeIgnored(string paymentId, string outcome, string why);
}
