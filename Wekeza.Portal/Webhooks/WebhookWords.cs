using System.Globalization;
using Wekeza.Webhooks;

namespace Wekeza.Portal.Webhooks;

/// <summary>Webhook terms in the words a developer reads; anything new from the API is shown as it comes.</summary>
public static class WebhookWords
{
    public static string Moment(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>To the second, for deliveries and attempts, whose retries can be seconds apart.</summary>
    public static string Precise(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMM yyyy, HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>What an endpoint's status means for the developer: when a failing one stops, why a disabled one did.</summary>
    public static string? StatusDetail(WebhookEndpoint endpoint) => endpoint.Status switch
    {
        WebhookEndpointStatuses.Failing when endpoint.DisablesAt is { } disablesAt =>
            $"Every delivery has failed{Since(endpoint.FailingSince)}. It disables at {Moment(disablesAt)} unless a delivery succeeds first.",
        WebhookEndpointStatuses.Failing => $"Every delivery has failed{Since(endpoint.FailingSince)}.",
        WebhookEndpointStatuses.Disabled => endpoint.DisabledReason ?? "Disabled.",
        _ => null,
    };

    /// <summary>The catalog's description of an event type, or null for one the catalog does not know.</summary>
    public static string? EventDescription(string type) =>
        type == WebhookEventTypes.Test
            ? "A test event sent from the portal or the API."
            : WebhookEventTypes.Catalog.FirstOrDefault(entry => entry.Type == type)?.Description;

    /// <summary>How the last attempt went, in one line.</summary>
    public static string LastOutcome(WebhookDelivery delivery) => (delivery.LastStatusCode, delivery.LastError) switch
    {
        (_, { Length: > 0 } error) => error,
        ({ } statusCode, _) => $"HTTP {statusCode}",
        _ => delivery.Attempts == 0 ? "Not tried yet" : "—",
    };

    public static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";

    private static string Since(DateTimeOffset? failingSince) => failingSince is { } since ? $" since {Moment(since)}" : "";
}
