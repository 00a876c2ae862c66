using Wekeza.Api.Features.Accounts;
using Wekeza.Banking.Consents;
using Wekeza.Banking.Payments;

namespace Wekeza.Api.Features.Payments;

public sealed record CreditorAccountView(string SchemeName, string Identification);

/// <summary>An initiation as the API shows it back: the amount as a decimal string with the currency's decimals.</summary>
public sealed record InitiationView(Money InstructedAmount, CreditorAccountView CreditorAccount, string CreditorName, string Reference, string? DebtorAccountId)
{
    public static InitiationView From(PaymentInitiation initiation) => new(
        Money.Of(initiation.Amount, initiation.Currency),
        new CreditorAccountView(initiation.CreditorScheme, initiation.CreditorIdentification),
        initiation.CreditorName, initiation.Reference, initiation.DebtorAccountId);
}

/// <summary>A payment consent as its app sees it. <c>debtorAccountId</c> is the account the customer chose, once authorised.</summary>
public sealed record PaymentConsentResponse(
    string ConsentId,
    string Status,
    InitiationView Initiation,
    string? DebtorAccountId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusUpdatedAt)
{
    public static PaymentConsentResponse From(Consent consent, DateTimeOffset now) => new(
        consent.Id, consent.StatusAt(now), InitiationView.From(consent.Initiation!), consent.AccountIds.FirstOrDefault(),
        consent.ExpiresAt, consent.CreatedAt, consent.StatusUpdatedAt);
}

public sealed record PaymentLinks(string Self, string Status);

public sealed record PaymentResponse(
    string PaymentId,
    string ConsentId,
    string Status,
    string? ReasonCode,
    string? Reason,
    string DebtorAccountId,
    InitiationView Initiation,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusUpdatedAt,
    PaymentLinks Links)
{
    public static PaymentResponse From(Payment payment) => new(
        payment.Id, payment.ConsentId, payment.Status, payment.ReasonCode, payment.ReasonDetail, payment.DebtorAccountId,
        InitiationView.From(payment.Initiation), payment.CreatedAt, payment.StatusUpdatedAt,
        new PaymentLinks($"/v1/payments/{payment.Id}", $"/v1/payments/{payment.Id}/status"));
}

public sealed record PaymentStatusStep(string Status, DateTimeOffset At, string? ReasonCode, string? Reason);

/// <summary>Where a payment is, and every step it took to get there, oldest first.</summary>
public sealed record PaymentStatusResponse(
    string PaymentId,
    string Status,
    bool IsFinal,
    string? ReasonCode,
    string? Reason,
    DateTimeOffset StatusUpdatedAt,
    IReadOnlyList<PaymentStatusStep> History,
    DateTimeOffset? SettlementDueAt = null)
{
    /// <summary>
    /// <see cref="SettlementDueAt"/>: while the switch holds the transfer for later settlement, when it settles (in the
    /// sandbox, on the app's sandbox clock).
    /// </summary>
    public static PaymentStatusResponse From(Payment payment) => new(
        payment.Id, payment.Status, Wekeza.Payments.PaymentStatuses.IsFinal(payment.Status), payment.ReasonCode, payment.ReasonDetail,
        payment.StatusUpdatedAt,
        [.. payment.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new PaymentStatusStep(h.Status, h.At, h.ReasonCode, h.Detail))],
        payment.Status == Wekeza.Payments.PaymentStatuses.AcceptedSettlementInProcess ? payment.SettlementDueAt : null);
}

/// <summary>
/// What the platform remembers about an <c>Idempotency-Key</c>: <c>unused</c> (never seen, or forgotten after 24 hours:
/// a request with it is processed as new), <c>in_progress</c> (a request with it is being processed right now), or
/// <c>completed</c> (its first response is replayed to any repeat of the same request).
/// </summary>
public sealed record IdempotencyKeyResponse(
    string Key,
    string State,
    string? Operation,
    string? RequestHash,
    int? ResponseStatus,
    string? ResourceId,
    string? ResourceLocation,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ExpiresAt);
