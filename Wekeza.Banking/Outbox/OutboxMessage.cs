using System.Text.Json;
using Wekeza.Webhooks;

namespace Wekeza.Banking.Outbox;

/// <summary>
/// An integration event written in the same transaction as the state change it reports, so the change and its
/// announcement commit or fail together. A relay publishes unpublished rows to RabbitMQ and stamps
/// <see cref="PublishedAt"/>.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The event type, also the routing key: <c>consent.revoked</c>, …</summary>
    public required string Type { get; init; }

    /// <summary>The resource the event is about (its id), so events about one resource can be ordered.</summary>
    public required string Subject { get; init; }

    public required string Payload { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>
    /// For an event apps can receive: its place among its subject's such events, in commit order. Written as 0 and
    /// numbered by the database (trigger <c>outbox_sequence</c>) under a per-subject row lock; null for internal events.
    /// </summary>
    public long? Sequence { get; init; }

    public static OutboxMessage For<T>(string type, string subject, T data, DateTimeOffset now) => new()
    {
        Type = type,
        Subject = subject,
        Payload = JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
        OccurredAt = now,
        Sequence = WebhookEventTypes.IsPublic(type) ? 0 : null,
    };
}
