namespace Wekeza.ServiceDefaults.Apps;

/// <summary>
/// The evidence an administrator reviews before taking a sandbox app live: what the app has done in the sandbox,
/// measured from real calls, consents, payments and webhook deliveries (<c>GET /v1/apps/{clientId}/readiness</c> on
/// the API). The API builds it; the portal shows it beside the production request. Auth adds what only it knows
/// (the redirect URIs), so the checks about the app's registration are not here.
/// </summary>
/// <param name="ClientId">The sandbox app's client id (<c>sbx_…</c>).</param>
/// <param name="GeneratedAt">When the figures were read.</param>
/// <param name="Since">The start of the period the figures cover (the last 30 days).</param>
/// <param name="Endpoints">Each operation the app has called successfully (a 2xx), by method and route template.</param>
/// <param name="Calls">All its /v1 calls in the period.</param>
/// <param name="ClientErrors">Calls answered 4xx (429 included).</param>
/// <param name="ServerErrors">Calls answered 5xx.</param>
/// <param name="ErrorRate">(ClientErrors + ServerErrors) / Calls, 0 when there were no calls.</param>
/// <param name="ConsentsAuthorised">Account or payment consents a (test) customer authorised for it.</param>
/// <param name="PaymentsCompleted">Its payments that reached Completed.</param>
/// <param name="WebhookEndpoints">Its webhook endpoints.</param>
/// <param name="WebhookDeliveriesSucceeded">Deliveries its endpoints acknowledged with a 2xx (a verified endpoint).</param>
/// <param name="Checks">The readiness checks, each passed or not, with what it looked at.</param>
public sealed record AppReadiness(
    string ClientId,
    DateTimeOffset GeneratedAt,
    DateTimeOffset Since,
    IReadOnlyList<EndpointEvidence> Endpoints,
    long Calls,
    long ClientErrors,
    long ServerErrors,
    decimal ErrorRate,
    int ConsentsAuthorised,
    int PaymentsCompleted,
    int WebhookEndpoints,
    long WebhookDeliveriesSucceeded,
    IReadOnlyList<ReadinessCheck> Checks);

/// <param name="Method">GET, POST, …</param>
/// <param name="Route">The route template, as in the OpenAPI document: <c>/v1/accounts/{accountId}/transactions</c>.</param>
public sealed record EndpointEvidence(string Method, string Route, long SuccessfulCalls, DateTimeOffset LastSuccessAt);

/// <param name="Name">Stable: <c>accounts_read</c>, <c>consent_journey</c>, <c>payment_journey</c>, <c>webhook_verified</c>, <c>error_rate</c>, …</param>
/// <param name="Required">Whether an app that fails it should not go live (the error rate is advisory, say).</param>
public sealed record ReadinessCheck(string Name, string Title, bool Passed, bool Required, string Detail);
