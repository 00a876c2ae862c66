namespace Wekeza.Portal.Webhooks;

// The webhooks API's shapes (issue 6 contract), as the portal reads and writes them on an app's behalf.

/// <summary>
/// Where an app gets its events. <see cref="Status"/> is one of <see cref="WebhookEndpointStatuses"/>: a Failing
/// endpoint says when it will be disabled (<see cref="DisablesAt"/>), so the developer can act before it is.
/// </summary>
public sealed record WebhookEndpoint(
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
    DateTimeOffset UpdatedAt);

/// <summary>The API's spelling of an endpoint's status.</summary>
public static class WebhookEndpointStatuses
{
    public const string Active = "Active";
    public const string Failing = "Failing";
    public const string Disabled = "Disabled";
}

public sealed record CreateWebhookEndpointRequest(string Url, IReadOnlyList<string> EventTypes, string? Description);

/// <summary>A partial update: null members are left as they are (the client does not send them).</summary>
public sealed record UpdateWebhookEndpointRequest(
    string? Url = null, IReadOnlyList<string>? EventTypes = null, string? Description = null, bool? Enabled = null);

public sealed record RotateWebhookSecretRequest(int OverlapHours);

/// <summary>An endpoint with its signing secret (<c>whsec_…</c>), which the API returns only on creation and rotation.</summary>
public sealed record WebhookEndpointWithSecret(WebhookEndpoint Endpoint, string Secret);

/// <summary>What <c>POST …/test</c> queued: a <c>webhook.test</c> event and its one delivery.</summary>
public sealed record TestEventSent(string EventId, string DeliveryId);
