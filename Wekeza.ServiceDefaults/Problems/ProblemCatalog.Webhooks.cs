namespace Wekeza.ServiceDefaults;

/// <summary>Webhook endpoints, deliveries and events, and the developer path's app checks.</summary>
public static partial class ProblemCatalog
{
    public static readonly ProblemType WebhookEndpointNotFound = new("webhook_endpoint_not_found", 404, "Webhook endpoint not found", false);
    public static readonly ProblemType WebhookDeliveryNotFound = new("webhook_delivery_not_found", 404, "Webhook delivery not found", false);
    public static readonly ProblemType EventNotFound = new("event_not_found", 404, "Event not found", false);
    public static readonly ProblemType AppNotFound = new("app_not_found", 404, "App not found", false);
    public static readonly ProblemType WebhookEndpointLimit = new("webhook_endpoint_limit", 422, "Too many webhook endpoints", false);
    public static readonly ProblemType WebhookEndpointDisabled = new("webhook_endpoint_disabled", 409, "The endpoint is disabled", false);
    public static readonly ProblemType WebhookDeliveryInProgress = new("webhook_delivery_in_progress", 409, "The delivery is being sent right now", true);
    public static readonly ProblemType WebhookEndpointChanged = new("webhook_endpoint_changed", 409, "The endpoint changed meanwhile", true);
    public static readonly ProblemType AuthUnavailable = new("auth_unavailable", 503, "Cannot check the app's owner right now", true);
}
