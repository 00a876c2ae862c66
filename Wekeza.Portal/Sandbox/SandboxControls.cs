namespace Wekeza.Portal.Sandbox;

/// <summary>Money in from outside the bank; null members are left out, and the API then uses the account's currency and its defaults.</summary>
public sealed record IncomingTransactionRequest(string Amount, string? Currency = null, string? PayerName = null, string? Reference = null);

/// <summary>The ledger entry an incoming transaction booked, and the account's balance after it.</summary>
public sealed record IncomingTransaction(
    long EntryId,
    string? TransactionId,
    string AccountId,
    string Amount,
    string Currency,
    DateTimeOffset BookedAt,
    string BalanceAfter,
    string Description);

/// <summary>An example event of <see cref="Type"/>; <see cref="Subject"/> (a payment or consent id) replaces the example's own.</summary>
public sealed record FireWebhookRequest(string Type, string? Subject = null);

/// <summary>The event fired and how many of the app's endpoints it is on its way to (0: none subscribes to the type).</summary>
public sealed record FiredWebhookEvent(string EventId, string Type, int Deliveries);

/// <summary>The final state asked for (one of <see cref="SandboxRules.OutcomeStatuses"/>), with an optional reason code.</summary>
public sealed record PaymentOutcomeRequest(string Status, string? ReasonCode = null);

/// <summary>
/// The move was accepted and is made by the workers within seconds: <see cref="Status"/> is the payment's state when
/// asked, <see cref="Requested"/> the state it is moving to.
/// </summary>
public sealed record PaymentOutcomeRequested(string PaymentId, string Status, string Requested);

public sealed record ExpiredConsent(string ConsentId, string Status);

/// <summary>What a reset removed; <see cref="ClockReset"/> is false when the clock had never moved.</summary>
public sealed record SandboxResetDone(int ConsentsRemoved, int PaymentsRemoved, int TransactionsRemoved, bool ClockReset);
