using Wekeza.Portal.Account.Sessions;
using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Sandbox;

/// <summary>The bank API's sandbox controls over HTTP, with the signed-in developer's access token from the session store.</summary>
internal sealed class SandboxClient(HttpClient http, CurrentSession session, ILogger<SandboxClient> logger)
    : PlatformApiClient(http, session, logger), ISandboxClient
{
    /// <summary>The client's name for IHttpClientFactory (its resilience options).</summary>
    public const string HttpClientName = "sandbox-api";

    /// <summary>The API's code for a production app's call: it has no sandbox.</summary>
    public const string SandboxOnlyCode = "sandbox_only";

    protected override string Unreachable => "We could not reach the sandbox service. Try again in a moment.";

    // The developer path needs sandbox.manage: a session that began before the portal asked for it lacks it.
    protected override string Forbidden(string? code) => code == SandboxOnlyCode
        ? "Sandbox controls are for sandbox apps: this is a production app, whose consents and payments are real."
        : "Your session does not allow the sandbox controls. Sign out and sign in again.";

    public Task<ApiResult<IReadOnlyList<SandboxCustomer>>> ListCustomersAsync(string clientId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, SandboxPath(clientId) + "/customers", null, ReadDataAsync<SandboxCustomer>, cancellationToken);

    public Task<ApiResult<SandboxClock>> GetClockAsync(string clientId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, SandboxPath(clientId) + "/clock", null, ReadAsync<SandboxClock>, cancellationToken);

    public Task<ApiResult<SandboxClockAdvanced>> AdvanceClockAsync(string clientId, long seconds, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, SandboxPath(clientId) + "/clock/advance", new AdvanceSandboxClockRequest(seconds),
            ReadAsync<SandboxClockAdvanced>, cancellationToken);

    public Task<ApiResult<IncomingTransaction>> CreateIncomingTransactionAsync(
        string clientId, string accountId, IncomingTransactionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"{SandboxPath(clientId)}/accounts/{Uri.EscapeDataString(accountId)}/incoming-transactions", request,
            ReadAsync<IncomingTransaction>, cancellationToken);

    public Task<ApiResult<FiredWebhookEvent>> FireWebhookAsync(string clientId, FireWebhookRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, SandboxPath(clientId) + "/webhooks/fire", request, ReadAsync<FiredWebhookEvent>, cancellationToken);

    public Task<ApiResult<PaymentOutcomeRequested>> SetPaymentOutcomeAsync(
        string clientId, string paymentId, PaymentOutcomeRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"{SandboxPath(clientId)}/payments/{Uri.EscapeDataString(paymentId)}/outcome", request,
            ReadAsync<PaymentOutcomeRequested>, cancellationToken);

    public Task<ApiResult<ExpiredConsent>> ExpireConsentAsync(string clientId, string consentId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"{SandboxPath(clientId)}/consents/{Uri.EscapeDataString(consentId)}/expire", null,
            ReadAsync<ExpiredConsent>, cancellationToken);

    public Task<ApiResult<SandboxResetDone>> ResetAsync(string clientId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, SandboxPath(clientId) + "/reset", null, ReadAsync<SandboxResetDone>, cancellationToken);

    // Every id is escaped: none of them can step out of the developer's own app path.
    private static string SandboxPath(string clientId) => $"v1/apps/{Uri.EscapeDataString(clientId)}/sandbox";

    /// <summary>Every sandbox 409 with a code is a rule with its own explanation (and, for a reset, the payments in the way).</summary>
    protected override ApiResult<T> Conflict<T>(Problem? problem) => problem is { Code: { Length: > 0 } code }
        ? new SandboxRefused<T>(code, problem.Detail ?? problem.Title ?? "The sandbox refused the change.", problem.PaymentIds ?? [])
        : base.Conflict<T>(problem);
}
