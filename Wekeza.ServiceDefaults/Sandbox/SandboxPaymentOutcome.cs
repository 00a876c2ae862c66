using System.Text.RegularExpressions;
using Wekeza.Payments;

namespace Wekeza.ServiceDefaults.Sandbox;

/// <summary>The internal events of the sandbox controls (outbox routing keys; never delivered to apps).</summary>
public static class SandboxEventTypes
{
    /// <summary>The controls force a payment's outcome: subject the payment id, data a <see cref="SandboxPaymentOutcome"/>.</summary>
    public const string PaymentOutcome = "sandbox.payment-outcome";
}

/// <summary>
/// A sandbox app's order to end one of its payments with <paramref name="Status"/>, applied by the workers under the
/// payment's row lock: an AcceptedSettlementInProcess payment may become Completed or Failed (the debit reversed), a
/// Pending one only Rejected. Anything else (already final, another app's, a production app's) changes nothing.
/// </summary>
/// <param name="ReasonCode">For Failed or Rejected, a stable code of 3–60 lower-case letters, digits and <c>_</c>; null for the default.</param>
public sealed partial record SandboxPaymentOutcome(string PaymentId, string ClientId, string Status, string? ReasonCode)
{
    /// <summary>The statuses the controls may ask for.</summary>
    public static readonly IReadOnlyList<string> Statuses = [PaymentStatuses.Completed, PaymentStatuses.Failed, PaymentStatuses.Rejected];

    /// <summary>Failed without a reason code reads as the receiving institution's refusal.</summary>
    public const string DefaultFailedReason = "switch_rejected";

    public const string DefaultRejectedReason = "sandbox_rejected";

    /// <summary>
    /// The rule for <see cref="ReasonCode"/>, for the API to check before it asks and the workers after: payments keep 60
    /// characters of it. <c>\z</c>, not <c>$</c>, which would let a trailing newline through.
    /// </summary>
    public static bool IsReasonCode(string? code) => code is null || ReasonCodePattern().IsMatch(code);

    /// <summary>A status the controls may ask for and a well-formed reason code (ignored for Completed).</summary>
    public bool IsValid => Statuses.Contains(Status, StringComparer.Ordinal) && IsReasonCode(ReasonCode);

    [GeneratedRegex("^[a-z0-9_]{3,60}\\z")]
    private static partial Regex ReasonCodePattern();
}
