using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Webhooks;

/// <summary>
/// The webhooks API on the bank API, under the developer's path (<c>v1/apps/{clientId}/webhook-endpoints…</c>), called
/// as the signed-in developer; an app that is not theirs answers NotFound. An interface so components can be tested
/// without HTTP.
/// </summary>
public interface IWebhooksClient
{
    Task<ApiResult<IReadOnlyList<WebhookEndpoint>>> ListAsync(string clientId, CancellationToken cancellationToken = default);

    Task<ApiResult<WebhookEndpoint>> GetAsync(string clientId, string endpointId, CancellationToken cancellationToken = default);

    /// <summary>A new endpoint and its signing secret, which the API returns this once only.</summary>
    Task<ApiResult<WebhookEndpointWithSecret>> CreateAsync(
        string clientId, CreateWebhookEndpointRequest request, CancellationToken cancellationToken = default);

    /// <summary>Changes what is given; <c>Enabled: true</c> on a disabled endpoint also clears its failing state.</summary>
    Task<ApiResult<WebhookEndpoint>> UpdateAsync(
        string clientId, string endpointId, UpdateWebhookEndpointRequest request, CancellationToken cancellationToken = default);

    Task<ApiResult<Done>> DeleteAsync(string clientId, string endpointId, CancellationToken cancellationToken = default);

    /// <summary>A new signing secret; the old one keeps signing beside it for <paramref name="overlapHours"/> (0–72).</summary>
    Task<ApiResult<WebhookEndpointWithSecret>> RotateSecretAsync(
        string clientId, string endpointId, int overlapHours, CancellationToken cancellationToken = default);

    /// <summary>Queues a <c>webhook.test</c> event to this endpoint only.</summary>
    Task<ApiResult<TestEventSent>> SendTestAsync(string clientId, string endpointId, CancellationToken cancellationToken = default);

    /// <summary>The endpoint's deliveries, newest first, a page at a time.</summary>
    Task<ApiResult<WebhookDeliveryPage>> ListDeliveriesAsync(
        string clientId, string endpointId, WebhookDeliveryQuery query, CancellationToken cancellationToken = default);

    /// <summary>One delivery with its payload and every attempt.</summary>
    Task<ApiResult<WebhookDelivery>> GetDeliveryAsync(
        string clientId, string endpointId, string deliveryId, CancellationToken cancellationToken = default);

    /// <summary>Delivers the same event again (same <c>webhook-id</c>); the delivery is Pending once more.</summary>
    Task<ApiResult<WebhookDelivery>> ResendAsync(
        string clientId, string endpointId, string deliveryId, CancellationToken cancellationToken = default);
}
