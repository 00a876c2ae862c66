using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Wekeza.Portal.Account.Sessions;
using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Webhooks;

/// <summary>The bank API's webhook endpoints over HTTP, with the signed-in developer's access token from the session store.</summary>
internal sealed class WebhooksClient(HttpClient http, CurrentSession session, ILogger<WebhooksClient> logger)
    : PlatformApiClient(http, session, logger), IWebhooksClient
{
    /// <summary>The client's name for IHttpClientFactory (and its resilience options).</summary>
    public const string HttpClientName = "webhooks-api";

    protected override string Unreachable => "We could not reach the webhooks service. Try again in a moment.";

    // The developer path needs the webhooks scope: a session that began before the portal asked for it lacks it.
    protected override string Forbidden(string? code) =>
        "Your session does not allow managing webhooks. Sign out and sign in again.";

    public Task<ApiResult<IReadOnlyList<WebhookEndpoint>>> ListAsync(string clientId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, EndpointsPath(clientId), null, ReadDataAsync<WebhookEndpoint>, cancellationToken);

    public Task<ApiResult<WebhookEndpoint>> GetAsync(string clientId, string endpointId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, EndpointPath(clientId, endpointId), null, ReadAsync<WebhookEndpoint>, cancellationToken);

    public Task<ApiResult<WebhookEndpointWithSecret>> CreateAsync(
        string clientId, CreateWebhookEndpointRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, EndpointsPath(clientId), request, ReadAsync<WebhookEndpointWithSecret>, cancellationToken);

    public Task<ApiResult<WebhookEndpoint>> UpdateAsync(
        string clientId, string endpointId, UpdateWebhookEndpointRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, EndpointPath(clientId, endpointId), request, ReadAsync<WebhookEndpoint>, cancellationToken);

    public Task<ApiResult<Done>> DeleteAsync(string clientId, string endpointId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, EndpointPath(clientId, endpointId), null, ReadNothingAsync, cancellationToken);

    public Task<ApiResult<WebhookEndpointWithSecret>> RotateSecretAsync(
        string clientId, string endpointId, int overlapHours, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, EndpointPath(clientId, endpointId) + "/rotate-secret", new RotateWebhookSecretRequest(overlapHours),
            ReadAsync<WebhookEndpointWithSecret>, cancellationToken);

    public Task<ApiResult<TestEventSent>> SendTestAsync(string clientId, string endpointId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, EndpointPath(clientId, endpointId) + "/test", null, ReadAsync<TestEventSent>, cancellationToken);

    public Task<ApiResult<WebhookDeliveryPage>> ListDeliveriesAsync(
        string clientId, string endpointId, WebhookDeliveryQuery query, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, DeliveriesPath(clientId, endpointId) + DeliveriesQuery(query), null, ReadDeliveryPageAsync, cancellationToken);

    public Task<ApiResult<WebhookDelivery>> GetDeliveryAsync(
        string clientId, string endpointId, string deliveryId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, DeliveryPath(clientId, endpointId, deliveryId), null, ReadAsync<WebhookDelivery>, cancellationToken);

    public Task<ApiResult<WebhookDelivery>> ResendAsync(
        string clientId, string endpointId, string deliveryId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, DeliveryPath(clientId, endpointId, deliveryId) + "/resend", null, ReadAsync<WebhookDelivery>,
            cancellationToken);

    // Every id is escaped: none of them can step out of the developer's own app path.
    private static string EndpointsPath(string clientId) => $"v1/apps/{Uri.EscapeDataString(clientId)}/webhook-endpoints";

    private static string EndpointPath(string clientId, string endpointId) => $"{EndpointsPath(clientId)}/{Uri.EscapeDataString(endpointId)}";

    private static string DeliveriesPath(string clientId, string endpointId) => EndpointPath(clientId, endpointId) + "/deliveries";

    private static string DeliveryPath(string clientId, string endpointId, string deliveryId) =>
        $"{DeliveriesPath(clientId, endpointId)}/{Uri.EscapeDataString(deliveryId)}";

    private static string DeliveriesQuery(WebhookDeliveryQuery query)
    {
        var builder = new QueryBuilder();
        if (!string.IsNullOrEmpty(query.Status))
        {
            builder.Add("status", query.Status);
        }

        builder.Add("limit", query.Limit.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            builder.Add("cursor", query.Cursor);
        }

        return builder.ToString();
    }

    private static async Task<WebhookDeliveryPage> ReadDeliveryPageAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var list = await ReadAsync<DeliveryList>(content, cancellationToken);
        return new WebhookDeliveryPage(list.Data, CursorOf(list.Links?.Next));
    }

    // links.next is the API's own URL for the next page (on whichever path it chose); only its cursor is taken, so
    // the next call still goes to the developer's path with the developer's filter.
    private static string? CursorOf(string? next)
    {
        var query = next?.Split('?', 2) is [_, var rest] ? rest : null;
        return query is not null && QueryHelpers.ParseQuery(query).TryGetValue("cursor", out var cursor) && cursor.Count > 0
            ? cursor[0]
            : null;
    }

    private sealed record DeliveryList(IReadOnlyList<WebhookDelivery> Data, ListLinks? Links);

    private sealed record ListLinks(string? Self, string? Next);
}
