using System.Text.Json;
using Wekeza.Api.Features.Shared;
using Wekeza.Api.Features.Webhooks;
using Wekeza.Banking.Webhooks;
using Wekeza.Payments;
using Wekeza.ServiceDefaults;
using Wekeza.Webhooks;
using static Wekeza.Api.OpenApi.Examples.ExampleValues;

namespace Wekeza.Api.OpenApi.Examples;

/// <summary>
/// Budget Buddy's endpoint on the developer's laptop (docs/api-guide.md, "Webhooks and events"), the delivery of
/// Amina's <c>payment.completed</c> to it, and the app's event log. Endpoints and deliveries are the bank's own rows
/// shown through the API's own mapping; events are <see cref="WebhookExamples"/>' envelopes.
/// </summary>
internal static class WebhookEndpointExamples
{
    private static readonly string[] Outcomes = [PaymentEvents.Completed, PaymentEvents.Failed, PaymentEvents.Rejected];
    private static readonly DateTimeOffset UpdatedAt = new(2026, 11, 24, 9, 50, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RotatedAt = new(2026, 11, 24, 11, 30, 0, TimeSpan.Zero);
    private static readonly WebhookPolicy Policy = new();

    private static readonly JsonElement Completed = JsonDocument.Parse(WebhookExamples.ByType[PaymentEvents.Completed].Body).RootElement.Clone();
    private static readonly JsonElement Test = JsonDocument.Parse(WebhookExamples.ByType[WebhookEventTypes.Test].Body).RootElement.Clone();
    private static readonly string CompletedId = Completed.GetProperty("id").GetString()!;

    private static readonly CreateWebhookEndpointRequest Create = new(EndpointUrl, Outcomes, "My laptop", null);

    private static readonly UpdateWebhookEndpointRequest Update = new(null, [.. Outcomes, PaymentEvents.TransactionPosted], null, null);

    public static IReadOnlyDictionary<string, OperationExample> ByOperation { get; } = new Dictionary<string, OperationExample>(StringComparer.Ordinal)
    {
        ["ListWebhookEndpoints"] = new(null, new ListResponse<WebhookEndpointResponse>([Shown(Endpoint(), PaymentCompletedAt)],
            new ListLinks(Link("/v1/webhook-endpoints")), new ListMeta(TotalPages: 1))),
        ["CreateWebhookEndpoint"] = new(Create, new WebhookEndpointSecretResponse(Shown(Endpoint(), EndpointCreatedAt), Secret),
            ValidationProblems.Result(EventTypeErrors(["payment.succeeded"]), "The webhook endpoint could not be created").ProblemDetails),
        ["GetWebhookEndpoint"] = new(null, Shown(Endpoint(), PaymentCompletedAt)),
        ["UpdateWebhookEndpoint"] = new(Update, Shown(Endpoint(e =>
            {
                e.EventTypes = [.. Update.EventTypes!.OfType<string>()];
                e.UpdatedAt = UpdatedAt;
            }), UpdatedAt),
            ValidationProblems.Result(EventTypeErrors([PaymentEvents.Completed, PaymentEvents.Completed]), "The webhook endpoint could not be changed").ProblemDetails),
        ["RotateWebhookSecret"] = new(new RotateWebhookSecretRequest(WebhookRules.DefaultOverlapHours),
            new WebhookEndpointSecretResponse(Shown(Endpoint(e => e.Rotate("(encrypted)", TimeSpan.FromHours(WebhookRules.DefaultOverlapHours), RotatedAt)), RotatedAt),
                RotatedSecret),
            ValidationProblems.Result(OverlapErrors(96), "The secret was not rotated").ProblemDetails),
        ["SendWebhookTest"] = new(null, new WebhookTestResponse(Test.GetProperty("id").GetString()!, "dlv_01a20cd4e6f87b9c0d1e2f3a4b5c6d7e")),
        ["ListWebhookDeliveries"] = new(null, new ListResponse<WebhookDeliveryResponse>([WebhookDeliveryResponse.From(Delivered())],
            new ListLinks(Link($"/v1/webhook-endpoints/{EndpointId}/deliveries")), new ListMeta(TotalPages: null))),
        ["GetWebhookDelivery"] = new(null, WebhookDeliveryResponse.From(Delivered(), new WebhookEvent
        {
            Id = CompletedId, ClientId = ClientId, Type = PaymentEvents.Completed, Subject = PaymentId, Payload = Completed.GetRawText(),
        })),
        ["ResendWebhookDelivery"] = new(null, WebhookDeliveryResponse.From(Resent())),
        ["ListWebhookEventTypes"] = new(null, new ListResponse<WebhookEventTypeResponse>(
            [.. WebhookEventTypes.Catalog.Select(e => new WebhookEventTypeResponse(e.Type, e.Description))],
            new ListLinks(Link("/v1/webhook-event-types")), new ListMeta(TotalPages: 1))),
        ["ListEvents"] = new(null, new ListResponse<JsonElement>([Completed], new ListLinks(Link($"/v1/events?subject={PaymentId}")), new ListMeta(TotalPages: null)),
            ValidationProblems.Result(new()
            {
                ["type"] = [$"'payment.succeeded' is not an event type. Known types: {string.Join(", ", WebhookEventTypes.All)}, {WebhookEventTypes.Test}."],
            }, "The events could not be listed").ProblemDetails),
        ["GetEvent"] = new(null, Completed),
    };

    /// <summary>A fresh row each time: the examples that change it must not change the others'.</summary>
    private static WebhookEndpoint Endpoint(Action<WebhookEndpoint>? change = null)
    {
        var endpoint = new WebhookEndpoint
        {
            Id = EndpointId, ClientId = ClientId, Url = EndpointUrl, Description = "My laptop", EventTypes = [.. Outcomes],
            SecretCiphertext = "(encrypted)", CreatedAt = EndpointCreatedAt, UpdatedAt = EndpointCreatedAt,
        };
        change?.Invoke(endpoint);
        return endpoint;
    }

    private static WebhookEndpointResponse Shown(WebhookEndpoint endpoint, DateTimeOffset now) => WebhookEndpointResponse.From(endpoint, Policy, now);

    /// <summary>Delivered at the first attempt: the laptop's receiver verified it and answered 204 in 3 ms.</summary>
    private static WebhookDelivery Delivered()
    {
        var attemptedAt = PaymentCompletedAt.AddMilliseconds(180);
        return new WebhookDelivery
        {
            Id = DeliveryId, EventId = CompletedId, EndpointId = EndpointId, ClientId = ClientId, EventType = PaymentEvents.Completed,
            Status = WebhookDeliveryStatuses.Succeeded, Attempts = 1, LastAttemptAt = attemptedAt, LastStatusCode = 204,
            CreatedAt = PaymentCompletedAt.AddMilliseconds(40), CompletedAt = attemptedAt.AddMilliseconds(3),
            AttemptLog = [new WebhookAttempt { Id = 1, DeliveryId = DeliveryId, AttemptedAt = attemptedAt, StatusCode = 204, DurationMs = 3 }],
        };
    }

    private static WebhookDelivery Resent()
    {
        var delivery = Delivered();
        delivery.Resend(new DateTimeOffset(2026, 11, 24, 10, 5, 0, TimeSpan.Zero));
        return delivery;
    }

    private static Dictionary<string, string[]> EventTypeErrors(IReadOnlyList<string?> eventTypes)
    {
        var errors = new Dictionary<string, string[]>();
        WebhookRules.CheckEventTypes(eventTypes, errors);
        return errors;
    }

    /// <summary>What the rules say about this overlap, so the example cannot drift from them.</summary>
    private static Dictionary<string, string[]> OverlapErrors(int hours)
    {
        var errors = new Dictionary<string, string[]>();
        WebhookRules.CheckOverlap(hours, errors);
        return errors;
    }
}
