using System.Text.Json;

namespace Wekeza.Portal.Webhooks;

/// <summary>
/// One event on its way to one endpoint. In a list the API leaves out <see cref="Payload"/> and
/// <see cref="AttemptLog"/>; reading the one delivery brings them.
/// </summary>
public sealed record WebhookDelivery(
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
    IReadOnlyList<WebhookAttempt>? AttemptLog = null);

/// <summary>One try at delivering: what the endpoint answered (the start of its body), or why there was no answer.</summary>
public sealed record WebhookAttempt(DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, string? Error, string? ResponseBody);

/// <summary>The API's spelling of a delivery's status (also the values of the list's status filter).</summary>
public static class WebhookDeliveryStatuses
{
    public const string Pending = "Pending";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";

    public static readonly IReadOnlyList<string> All = [Pending, Succeeded, Failed];
}

/// <summary>Which deliveries to list: all or one status, after <see cref="Cursor"/> (from the previous page).</summary>
public sealed record WebhookDeliveryQuery(string? Status = null, string? Cursor = null, int Limit = WebhookDeliveryQuery.DefaultLimit)
{
    public const int DefaultLimit = 20;
}

/// <summary>A page of deliveries, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDelivery> Items, string? NextCursor);
