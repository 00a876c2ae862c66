using System.Text.Json;
using Wekeza.Banking.Webhooks;

namespace Wekeza.Api.Features.Webhooks;

public sealed record WebhookEndpointResponse(
    string Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    string Status,
    string? DisabledReason,
    DateTimeOffset? FailingSince,
    DateTimeOffset? DisablesAt,
    DateTimeOffset? SecretRotatedAt,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    internal static WebhookEndpointResponse From(WebhookEndpoint endpoint, WebhookPolicy policy, DateTimeOffset now)
    {
        var status = endpoint.StatusAt(now);
        return new(endpoint.Id, endpoint.Url, endpoint.Description, endpoint.EventTypes, endpoint.Enabled, status, endpoint.DisabledReason,
            endpoint.FailingSince,
            status == WebhookEndpointStatuses.Failing ? endpoint.FailingSince + policy.DisableAfterFor(Wekeza.Webhooks.ClientEnvironments.IsSandbox(endpoint.ClientId)) : null,
            endpoint.SecretRotatedAt,
            endpoint.PreviousSecretExpiresAt > now ? endpoint.PreviousSecretExpiresAt : null,
            endpoint.CreatedAt, endpoint.UpdatedAt);
    }
}

/// <summary>The endpoint and its signing secret: the one response that shows the secret.</summary>
public sealed record WebhookEndpointSecretResponse(WebhookEndpointResponse Endpoint, string Secret);

public sealed record WebhookTestResponse(string EventId, string DeliveryId);

public sealed record WebhookAttemptResponse(DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, string? Error, string? ResponseBody);

public sealed record WebhookDeliveryResponse(
    string Id,
    string EndpointId,
    string EventId,
    string EventType,
    string Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    JsonElement? Payload = null,
    IReadOnlyList<WebhookAttemptResponse>? AttemptLog = null)
{
    internal static WebhookDeliveryResponse From(WebhookDelivery delivery, WebhookEvent? withEvent = null) => new(
        delivery.Id, delivery.EndpointId, delivery.EventId, delivery.EventType, delivery.Status, delivery.Attempts,
        delivery.Status == WebhookDeliveryStatuses.Pending ? delivery.NextAttemptAt : null, delivery.LastAttemptAt, delivery.LastStatusCode,
        delivery.LastError, delivery.CreatedAt, delivery.CompletedAt,
        withEvent is null ? null : JsonDocument.Parse(withEvent.Payload).RootElement.Clone(),
        withEvent is null ? null : [.. delivery.AttemptLog.OrderBy(a => a.Id)
            .Select(a => new WebhookAttemptResponse(a.AttemptedAt, a.StatusCode, a.DurationMs, a.Error, a.ResponseBody))]);
}

public sealed record WebhookEventTypeResponse(string Type, string Description);

public sealed record CreateWebhookEndpointRequest(string? Url, IReadOnlyList<string?>? EventTypes, string? Description, bool? Enabled);

public sealed record UpdateWebhookEndpointRequest(string? Url, IReadOnlyList<string?>? EventTypes, string? Description, bool? Enabled);

public sealed record RotateWebhookSecretRequest(int? OverlapHours);
