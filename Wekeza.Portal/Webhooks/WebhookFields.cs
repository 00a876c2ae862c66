namespace Wekeza.Portal.Webhooks;

/// <summary>The field names of the webhooks API's validation errors.</summary>
public static class WebhookFields
{
    public const string Url = "url";
    public const string EventTypes = "eventTypes";
    public const string Description = "description";

    public static string EventType(int index) => $"{EventTypes}[{index}]";
}
