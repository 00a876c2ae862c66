using System.Globalization;
using System.Text.Json;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Webhooks;

namespace Wekeza.Portal.Tests.Webhooks;

/// <summary>The webhooks API as the components see it: endpoints and deliveries set by the test, calls recorded.</summary>
public sealed class FakeWebhooksClient : IWebhooksClient
{
    public const string ClientId = "sbx_3f9c";
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public List<WebhookEndpoint> Endpoints { get; } = [];

    /// <summary>Every endpoint's deliveries, newest first.</summary>
    public List<WebhookDelivery> Deliveries { get; } = [];

    /// <summary>How many deliveries a page holds; the cursor is the index of the next one.</summary>
    public int PageSize { get; set; } = 100;

    public Func<CreateWebhookEndpointRequest, ApiResult<WebhookEndpointWithSecret>>? OnCreate { get; set; }

    public string NextSecret { get; set; } = "whsec_bmV3LXNlY3JldA==";

    /// <summary>Every call, as "Method clientId endpointId …", so a test can check the app and the order.</summary>
    public List<string> Calls { get; } = [];

    public List<CreateWebhookEndpointRequest> CreateCalls { get; } = [];

    public List<(string EndpointId, UpdateWebhookEndpointRequest Request)> UpdateCalls { get; } = [];

    public List<(string EndpointId, int OverlapHours)> RotateCalls { get; } = [];

    public List<WebhookDeliveryQuery> DeliveryQueries { get; } = [];

    public static WebhookEndpoint Endpoint(
        string id = "we_1", string url = "https://hooks.example/wekeza", string status = WebhookEndpointStatuses.Active,
        IReadOnlyList<string>? eventTypes = null, DateTimeOffset? failingSince = null, DateTimeOffset? disablesAt = null,
        string? disabledReason = null) =>
        new(id, url, "Orders service", eventTypes ?? ["payment.completed", "payment.failed"], status != WebhookEndpointStatuses.Disabled,
            status, disabledReason, failingSince, disablesAt, null, null, Now.AddDays(-3), Now.AddDays(-3));

    public static WebhookDelivery Delivery(
        string id, string status = WebhookDeliveryStatuses.Succeeded, string endpointId = "we_1", int minutesAgo = 0,
        string eventType = "payment.completed", int? lastStatusCode = 200, string? lastError = null, int attempts = 1) =>
        new(id, endpointId, "evt_" + id, eventType, status, attempts, null, Now.AddMinutes(-minutesAgo), lastStatusCode, lastError,
            Now.AddMinutes(-minutesAgo), status == WebhookDeliveryStatuses.Pending ? null : Now.AddMinutes(-minutesAgo));

    /// <summary>The detail of a delivery: its payload and attempts (which a list item lacks).</summary>
    public static WebhookDelivery WithDetail(WebhookDelivery delivery, params WebhookAttempt[] attempts) =>
        delivery with
        {
            Payload = JsonDocument.Parse($$"""{ "id": "{{delivery.EventId}}", "type": "{{delivery.EventType}}", "data": { "paymentId": "pay_1" } }""").RootElement.Clone(),
            AttemptLog = attempts,
        };

    public Task<ApiResult<IReadOnlyList<WebhookEndpoint>>> ListAsync(string clientId, CancellationToken cancellationToken = default)
    {
        Calls.Add($"List {clientId}");
        return Ok<IReadOnlyList<WebhookEndpoint>>([.. Endpoints]);
    }

    public Task<ApiResult<WebhookEndpoint>> GetAsync(string clientId, string endpointId, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Get {clientId} {endpointId}");
        return Find(endpointId, endpoint => endpoint);
    }

    public Task<ApiResult<WebhookEndpointWithSecret>> CreateAsync(
        string clientId, CreateWebhookEndpointRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Create {clientId}");
        CreateCalls.Add(request);
        if (OnCreate is not null)
        {
            return Task.FromResult(OnCreate(request));
        }

        var endpoint = Endpoint(id: $"we_{Endpoints.Count + 1}", url: request.Url, eventTypes: request.EventTypes) with { Description = request.Description };
        Endpoints.Add(endpoint);
        return Ok(new WebhookEndpointWithSecret(endpoint, "whsec_Y3JlYXRlZC1zZWNyZXQ="));
    }

    public Task<ApiResult<WebhookEndpoint>> UpdateAsync(
        string clientId, string endpointId, UpdateWebhookEndpointRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Update {clientId} {endpointId}");
        UpdateCalls.Add((endpointId, request));
        return Find(endpointId, endpoint =>
        {
            var enabled = request.Enabled ?? endpoint.Enabled;
            return Replace(endpoint with
            {
                Url = request.Url ?? endpoint.Url,
                EventTypes = request.EventTypes ?? endpoint.EventTypes,
                Description = request.Description is null ? endpoint.Description : request.Description.Length == 0 ? null : request.Description,
                Enabled = enabled,
                Status = enabled ? (request.Enabled == true ? WebhookEndpointStatuses.Active : endpoint.Status) : WebhookEndpointStatuses.Disabled,
                DisabledReason = enabled ? null : "Disabled by the developer.",
            });
        });
    }

    public Task<ApiResult<Done>> DeleteAsync(string clientId, string endpointId, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Delete {clientId} {endpointId}");
        Endpoints.RemoveAll(endpoint => endpoint.Id == endpointId);
        return Ok(new Done());
    }

    public Task<ApiResult<WebhookEndpointWithSecret>> RotateSecretAsync(
        string clientId, string endpointId, int overlapHours, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Rotate {clientId} {endpointId}");
        RotateCalls.Add((endpointId, overlapHours));
        return Find(endpointId, endpoint => new WebhookEndpointWithSecret(
            Replace(endpoint with { SecretRotatedAt = Now, PreviousSecretExpiresAt = overlapHours > 0 ? Now.AddHours(overlapHours) : null }),
            NextSecret));
    }

    public Task<ApiResult<TestEventSent>> SendTestAsync(string clientId, string endpointId, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Test {clientId} {endpointId}");
        var delivery = Delivery($"dlv_test{Deliveries.Count + 1}", WebhookDeliveryStatuses.Pending, endpointId,
            eventType: "webhook.test", lastStatusCode: null, attempts: 0);
        Deliveries.Insert(0, delivery);
        return Ok(new TestEventSent(delivery.EventId, delivery.Id));
    }

    public Task<ApiResult<WebhookDeliveryPage>> ListDeliveriesAsync(
        string clientId, string endpointId, WebhookDeliveryQuery query, CancellationToken cancellationToken = default)
    {
        Calls.Add($"ListDeliveries {clientId} {endpointId}");
        DeliveryQueries.Add(query);
        var matching = Deliveries.Where(delivery => delivery.EndpointId == endpointId && (query.Status is null || delivery.Status == query.Status)).ToList();
        var start = query.Cursor is null ? 0 : int.Parse(query.Cursor, CultureInfo.InvariantCulture);
        var page = matching.Skip(start).Take(PageSize).Select(ListItem).ToList();
        var next = start + PageSize < matching.Count ? (start + PageSize).ToString(CultureInfo.InvariantCulture) : null;
        return Ok(new WebhookDeliveryPage(page, next));
    }

    public Task<ApiResult<WebhookDelivery>> GetDeliveryAsync(
        string clientId, string endpointId, string deliveryId, CancellationToken cancellationToken = default)
    {
        Calls.Add($"GetDelivery {clientId} {endpointId} {deliveryId}");
        return Task.FromResult<ApiResult<WebhookDelivery>>(Deliveries.FirstOrDefault(delivery => delivery.Id == deliveryId) is { } found
            ? new ApiResult<WebhookDelivery>.Success(found)
            : new ApiResult<WebhookDelivery>.NotFound());
    }

    public Task<ApiResult<WebhookDelivery>> ResendAsync(
        string clientId, string endpointId, string deliveryId, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Resend {clientId} {endpointId} {deliveryId}");
        var index = Deliveries.FindIndex(delivery => delivery.Id == deliveryId);
        if (index < 0)
        {
            return Task.FromResult<ApiResult<WebhookDelivery>>(new ApiResult<WebhookDelivery>.NotFound());
        }

        Deliveries[index] = Deliveries[index] with { Status = WebhookDeliveryStatuses.Pending, CompletedAt = null, NextAttemptAt = Now };
        return Ok(ListItem(Deliveries[index]));
    }

    // The list leaves the detail out, as the API does.
    private static WebhookDelivery ListItem(WebhookDelivery delivery) => delivery with { Payload = null, AttemptLog = null };

    private WebhookEndpoint Replace(WebhookEndpoint endpoint)
    {
        Endpoints[Endpoints.FindIndex(shown => shown.Id == endpoint.Id)] = endpoint;
        return endpoint;
    }

    private Task<ApiResult<T>> Find<T>(string endpointId, Func<WebhookEndpoint, T> answer) =>
        Task.FromResult<ApiResult<T>>(Endpoints.FirstOrDefault(endpoint => endpoint.Id == endpointId) is { } found
            ? new ApiResult<T>.Success(answer(found))
            : new ApiResult<T>.NotFound());

    private static Task<ApiResult<T>> Ok<T>(T value) => Task.FromResult<ApiResult<T>>(new ApiResult<T>.Success(value));
}
