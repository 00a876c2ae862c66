namespace Wekeza.Banking.Webhooks;

/// <summary>
/// Where an app wants its events delivered, which events, and the secret that signs them (stored encrypted; the
/// app sees it once). An endpoint is Active, Failing (every delivery since <see cref="FailingSince"/> failed: shown
/// to the developer before anything happens) or Disabled (by the developer, or after failing for the whole period).
/// </summary>
public sealed class WebhookEndpoint
{
    public const int MaxPerApp = 20;
    public const int DescriptionMaxLength = 200;
    public const int UrlMaxLength = 2048;

    public required string Id { get; init; }

    public required string ClientId { get; init; }

    public required string Url { get; set; }

    public string? Description { get; set; }

    public List<string> EventTypes { get; set; } = [];

    public bool Enabled { get; private set; } = true;

    public string? DisabledReason { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    /// <summary>The first failed attempt after the last success: the start of a failing streak.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    /// <summary>The signing secret (<c>whsec_…</c>), encrypted by <see cref="WebhookSecretProtector"/>.</summary>
    public required string SecretCiphertext { get; set; }

    /// <summary>The secret before the last rotation, still signing until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecretCiphertext { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    public DateTimeOffset? SecretRotatedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static string NewId(DateTimeOffset now) => "we_" + Guid.CreateVersion7(now).ToString("N");

    public string StatusAt(DateTimeOffset now) =>
        !Enabled ? WebhookEndpointStatuses.Disabled : FailingSince is null ? WebhookEndpointStatuses.Active : WebhookEndpointStatuses.Failing;

    public void Enable(DateTimeOffset now)
    {
        Enabled = true;
        DisabledReason = null;
        DisabledAt = null;
        FailingSince = null;
        UpdatedAt = now;
    }

    public void Disable(string reason, DateTimeOffset now)
    {
        Enabled = false;
        DisabledReason = reason;
        DisabledAt = now;
        UpdatedAt = now;
    }

    /// <summary>The new secret signs from now on; the current one keeps signing beside it for <paramref name="overlap"/>.</summary>
    public void Rotate(string newSecretCiphertext, TimeSpan overlap, DateTimeOffset now)
    {
        PreviousSecretCiphertext = overlap > TimeSpan.Zero ? SecretCiphertext : null;
        PreviousSecretExpiresAt = overlap > TimeSpan.Zero ? now + overlap : null;
        SecretCiphertext = newSecretCiphertext;
        SecretRotatedAt = now;
        UpdatedAt = now;
    }
}

public static class WebhookEndpointStatuses
{
    public const string Active = "Active";
    public const string Failing = "Failing";
    public const string Disabled = "Disabled";
}

/// <summary>
/// One event in an app's event log: the envelope exactly as its endpoints receive it (and <c>GET /v1/events</c>
/// returns it), made once per app from one outbox message.
/// </summary>
public sealed class WebhookEvent
{
    public required string Id { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The outbox message it came from (null for a test event): unique per app, so a redelivered message adds nothing.</summary>
    public Guid? SourceId { get; init; }

    public required string Type { get; init; }

    public required string Subject { get; init; }

    public long? Sequence { get; init; }

    /// <summary>
    /// The event's place in its app's log, in commit order (trigger <c>webhook_event_position</c> numbers it under a
    /// per-app row lock held to commit): <c>GET /v1/events?after=</c> pages on it, so a poller never skips an event
    /// that committed after a later-numbered one.
    /// </summary>
    public long Position { get; init; }

    /// <summary>The JSON body every endpoint receives, byte for byte.</summary>
    public required string Payload { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public static string NewId(DateTimeOffset now) => "evt_" + Guid.CreateVersion7(now).ToString("N");
}

/// <summary>One event on its way to one endpoint: its state lives here, so nothing about it depends on a broker or a process surviving.</summary>
public sealed class WebhookDelivery
{
    public required string Id { get; init; }

    public required string EventId { get; init; }

    public required string EndpointId { get; init; }

    public required string ClientId { get; init; }

    public required string EventType { get; init; }

    public string Status { get; set; } = WebhookDeliveryStatuses.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>A worker sending it holds it until then; a worker that died lets go when it passes.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }

    public List<WebhookAttempt> AttemptLog { get; init; } = [];

    public static string NewId(DateTimeOffset now) => "dlv_" + Guid.CreateVersion7(now).ToString("N");

    /// <summary>Pending again, due now, same event (so the same <c>webhook-id</c>): a resend.</summary>
    public void Resend(DateTimeOffset now)
    {
        Status = WebhookDeliveryStatuses.Pending;
        NextAttemptAt = now;
        LeaseUntil = null;
        CompletedAt = null;
    }
}

public static class WebhookDeliveryStatuses
{
    public const string Pending = "Pending";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
}

/// <summary>One HTTP attempt of a delivery, as the developer sees it: when, the answer, how long, and the start of the body.</summary>
public sealed class WebhookAttempt
{
    public const int ResponseBodyMaxLength = 1024;

    public long Id { get; init; }

    public required string DeliveryId { get; init; }

    public DateTimeOffset AttemptedAt { get; init; }

    public int? StatusCode { get; init; }

    public int DurationMs { get; init; }

    public string? Error { get; init; }

    public string? ResponseBody { get; init; }
}
