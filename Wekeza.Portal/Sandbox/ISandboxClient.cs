using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Sandbox;

/// <summary>
/// The sandbox controls on the bank API, under the developer's path (<c>v1/apps/{clientId}/sandbox…</c>), called as
/// the signed-in developer: someone else's app answers NotFound, a production app a message (the controls are for
/// sandbox apps), and a sandbox rule's refusal <see cref="SandboxRefused{T}"/>. An interface so components can be
/// tested without HTTP.
/// </summary>
public interface ISandboxClient
{
    /// <summary>The test customers, their shared password and their accounts with today's balances.</summary>
    Task<ApiResult<IReadOnlyList<SandboxCustomer>>> ListCustomersAsync(string clientId, CancellationToken cancellationToken = default);

    Task<ApiResult<SandboxClock>> GetClockAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Moves the app's clock forward by <paramref name="seconds"/> (1 to 400 days, at most 400 days ahead in all).</summary>
    Task<ApiResult<SandboxClockAdvanced>> AdvanceClockAsync(string clientId, long seconds, CancellationToken cancellationToken = default);

    /// <summary>Books money in on a test customer's account; the bank emits <c>transaction.posted</c>.</summary>
    Task<ApiResult<IncomingTransaction>> CreateIncomingTransactionAsync(
        string clientId, string accountId, IncomingTransactionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sends an example event of any public type to the app's endpoints that subscribe to it.</summary>
    Task<ApiResult<FiredWebhookEvent>> FireWebhookAsync(string clientId, FireWebhookRequest request, CancellationToken cancellationToken = default);

    /// <summary>Asks for one of the app's payments still in process to end in a final state.</summary>
    Task<ApiResult<PaymentOutcomeRequested>> SetPaymentOutcomeAsync(
        string clientId, string paymentId, PaymentOutcomeRequest request, CancellationToken cancellationToken = default);

    Task<ApiResult<ExpiredConsent>> ExpireConsentAsync(string clientId, string consentId, CancellationToken cancellationToken = default);

    /// <summary>Removes the app's consents, payments and simulated transactions and resets its clock; no other app's.</summary>
    Task<ApiResult<SandboxResetDone>> ResetAsync(string clientId, CancellationToken cancellationToken = default);
}
