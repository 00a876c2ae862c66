namespace Wekeza.Workers.Payments.Risk;

/// <summary>The payment as the risk checks see it. <see cref="SubmittedAt"/> is when the app submitted it, not when it is checked.</summary>
public sealed record RiskSubject(
    string PaymentId,
    string CustomerSubject,
    string DebtorAccountId,
    decimal Amount,
    string Currency,
    string CreditorScheme,
    string CreditorIdentification,
    DateTimeOffset SubmittedAt);
