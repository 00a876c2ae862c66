namespace Wekeza.ServiceDefaults;

/// <summary>Payments and idempotency.</summary>
public static partial class ProblemCatalog
{
    public static readonly ProblemType IdempotencyKeyRequired = new("idempotency_key_required", 400, "Idempotency-Key is required", false);
    public static readonly ProblemType IdempotencyKeyInvalid = new("idempotency_key_invalid", 400, "Idempotency-Key is malformed", false);
    public static readonly ProblemType IdempotencyKeyReused = new("idempotency_key_reused", 422, "Idempotency-Key already used for another request", false);
    public static readonly ProblemType IdempotencyKeyInUse = new("idempotency_key_in_use", 409, "A request with this Idempotency-Key is in progress", true);
    public static readonly ProblemType PaymentNotFound = new("payment_not_found", 404, "Payment not found", false);
    public static readonly ProblemType PaymentConsentMismatch = new("payment_consent_mismatch", 422, "The payment differs from its consent", false);
    public static readonly ProblemType ConsentConsumed = new("consent_consumed", 409, "The consent has already paid", false);
    public static readonly ProblemType DebtorAccountUnavailable = new("debtor_account_unavailable", 409, "The account cannot pay", false);
}
