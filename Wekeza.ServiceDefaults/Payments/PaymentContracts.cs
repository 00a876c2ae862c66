namespace Wekeza.Payments;

/// <summary>A payment's statuses, in Open Banking's words. Pending and AcceptedSettlementInProcess are on the way; the rest are final.</summary>
public static class PaymentStatuses
{
    public const string Pending = "Pending";
    public const string AcceptedSettlementInProcess = "AcceptedSettlementInProcess";
    public const string Completed = "Completed";
    public const string Rejected = "Rejected";
    public const string Failed = "Failed";

    public static bool IsFinal(string status) => status is Completed or Rejected or Failed;
}

/// <summary>
/// The integration events a payment's life produces (outbox routing keys). <see cref="Created"/> and
/// <see cref="Accepted"/> also drive the workers' processing; the rest announce an outcome.
/// </summary>
public static class PaymentEvents
{
    public const string Created = "payment.created";
    public const string Accepted = "payment.accepted";
    public const string Completed = "payment.completed";
    public const string Rejected = "payment.rejected";
    public const string Failed = "payment.failed";

    /// <summary>A booking on a customer's account: one per account an entry touches.</summary>
    public const string TransactionPosted = "transaction.posted";

    public static string For(string status) => status switch
    {
        PaymentStatuses.Pending => Created,
        PaymentStatuses.AcceptedSettlementInProcess => Accepted,
        PaymentStatuses.Completed => Completed,
        PaymentStatuses.Rejected => Rejected,
        PaymentStatuses.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No event announces this status."),
    };
}

/// <summary>What every payment event carries: the payment as it is after the change. Amounts are decimal strings.</summary>
public sealed record PaymentEventData(
    string PaymentId,
    string ClientId,
    string ConsentId,
    string Status,
    string? ReasonCode,
    string Amount,
    string Currency,
    string DebtorAccountId,
    string CreditorName,
    string Reference,
    DateTimeOffset StatusUpdatedAt);

/// <summary>A posting on a customer's account (<c>transaction.posted</c>), for the apps with consent to see it.</summary>
public sealed record TransactionPostedData(
    string AccountId,
    string TransactionId,
    string Amount,
    string Currency,
    string CreditDebitIndicator,
    string BalanceAfter,
    string Description,
    string? Reference,
    string? PaymentId,
    DateTimeOffset BookedAt);
