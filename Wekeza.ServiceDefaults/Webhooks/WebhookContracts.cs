using Wekeza.Consents;
using Wekeza.Payments;

namespace Wekeza.Webhooks;

/// <summary>
/// The events an app can receive at its webhook endpoints and read from <c>GET /v1/events</c>: the public subset of
/// the platform's integration events (payment.created and payment.accepted are the workers' internal steps).
/// </summary>
public static class WebhookEventTypes
{
    /// <summary>A test delivery to one endpoint (<c>POST …/test</c>); never subscribed to, never sequenced.</summary>
    public const string Test = "webhook.test";

    public sealed record Entry(string Type, string Description);

    public static readonly IReadOnlyList<Entry> Catalog =
    [
        new(PaymentEvents.TransactionPosted, "A transaction was booked on an account your app has a consent to read transactions on."),
        new(PaymentEvents.Completed, "A payment your app initiated reached the creditor."),
        new(PaymentEvents.Failed, "A payment your app initiated failed after it was accepted (the switch refused or timed out); the money went back."),
        new(PaymentEvents.Rejected, "A payment your app initiated was refused before any money moved (funds, risk checks, creditor)."),
        new(ConsentEvents.Authorised, "A customer authorised one of your app's consents."),
        new(ConsentEvents.Rejected, "A customer declined one of your app's consents."),
        new(ConsentEvents.Revoked, "One of your app's consents was revoked, by the customer or by your app."),
        new(ConsentEvents.Expired, "One of your app's consents reached its expiry."),
    ];

    /// <summary>Every type an endpoint may subscribe to.</summary>
    public static readonly IReadOnlyList<string> All = [.. Catalog.Select(entry => entry.Type)];

    public static bool IsPublic(string type) => All.Contains(type, StringComparer.Ordinal);
}

/// <summary>The platform events about webhook endpoints themselves (outbox routing keys; not delivered to apps).</summary>
public static class WebhookEndpointEvents
{
    /// <summary>An endpoint failed continuously for the documented period and was disabled: auth emails the app's owner.</summary>
    public const string Disabled = "webhook-endpoint.disabled";
}

/// <summary>What <see cref="WebhookEndpointEvents.Disabled"/> carries.</summary>
public sealed record WebhookEndpointDisabledData(
    string EndpointId,
    string ClientId,
    string Url,
    DateTimeOffset FailingSince,
    DateTimeOffset DisabledAt,
    string? LastError);

/// <summary>The environment an app's client id belongs to: <c>sbx_…</c> sandbox, <c>live_…</c> production.</summary>
public static class ClientEnvironments
{
    public static bool IsSandbox(string clientId) => !clientId.StartsWith("live_", StringComparison.Ordinal);
}
