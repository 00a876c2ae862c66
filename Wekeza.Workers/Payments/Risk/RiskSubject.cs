namespace Wekeza.Workers.Payments.Risk;

/// <summary>
/// The payment as the risk checks see it. <see cref="SubmittedAt"/> is when the app submitted it, not when it is
/// checked; <see cref="ClientId"/> is the app's, which says whether it is a sandbox payment.
/// </summary>
public sealed record RiskSubject(
    string PaymentId,
    string ClientId,
    string CustomerSubject,
    string DebtorAccountId,
    decimal Amount,
    string Currency,
    string CreditorScheme,
    string CreditorIdentification,
    string Reference,
    DateTimeOffset SubmittedAt);
