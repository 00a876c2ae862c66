using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Tests.Platform;
using Wekeza.Portal.Webhooks;

namespace Wekeza.Portal.Tests.Webhooks;

public sealed class WebhooksClientTests
{
    private const string ApiBase = "https://api.wekeza.test/";
    private const string Endpoints = ApiBase + "v1/apps/sbx_3f9c/webhook-endpoints";

    private const string EndpointJson = """
        { "id": "we_0199", "url": "https://hooks.example/wekeza", "description": "Orders service",
          "eventTypes": ["payment.completed", "payment.failed"], "enabled": true, "status": "Failing",
          "disabledReason": null, "failingSince": "2026-11-22T10:00:00Z", "disablesAt": "2026-11-27T10:00:00Z",
          "secretRotatedAt": null, "previousSecretExpiresAt": null,
          "createdAt": "2026-11-20T10:00:00Z", "updatedAt": "2026-11-22T10:00:00Z" }
        """;

    private const string DeliveryJson = """
        { "id": "dlv_1", "endpointId": "we_0199", "eventId": "evt_1", "eventType": "payment.completed",
          "status": "Failed", "attempts": 2, "nextAttemptAt": null, "lastAttemptAt": "2026-11-24T10:00:05Z",
          "lastStatusCode": 500, "lastError": "HTTP 500", "createdAt": "2026-11-24T10:00:00Z", "completedAt": "2026-11-24T10:00:05Z" }
        """;

    private readonly ApiClientHarness _api = new();

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_an_apps_endpoints_on_the_developer_path_with_the_sessions_access_token()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.OK, $$"""{ "data": [ {{EndpointJson}} ], "links": { "self": "x" }, "meta": { "totalPages": 1 } }""");

        var result = await client.ListAsync("sbx_3f9c", Cancellation);

        var endpoint = Assert.Single(Assert.IsType<ApiResult<IReadOnlyList<WebhookEndpoint>>.Success>(result).Value);
        Assert.Equal((WebhookEndpointStatuses.Failing, new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero)), (endpoint.Status, endpoint.DisablesAt));
        Assert.Equal(["payment.completed", "payment.failed"], endpoint.EventTypes);
        var request = Assert.Single(_api.Requests);
        Assert.Equal($"GET {Endpoints}", $"{request.Method} {request.RequestUri?.AbsoluteUri}");
        Assert.Equal($"Bearer {ApiClientHarness.AccessToken}", request.Headers.Authorization?.ToString());
    }

    [Fact]
    public async Task Creating_posts_the_url_events_and_description_and_reads_the_secret()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.Created, $$"""{ "endpoint": {{EndpointJson}}, "secret": "whsec_c2VjcmV0" }""");

        var result = await client.CreateAsync("sbx_3f9c",
            new CreateWebhookEndpointRequest("https://hooks.example/wekeza", ["payment.completed"], null), Cancellation);

        var created = Assert.IsType<ApiResult<WebhookEndpointWithSecret>.Success>(result).Value;
        Assert.Equal(("we_0199", "whsec_c2VjcmV0"), (created.Endpoint.Id, created.Secret));
        Assert.Equal($"POST {Endpoints}", Sent(0));
        // No description: the member is left out rather than sent as null.
        Assert.Equal("""{"url":"https://hooks.example/wekeza","eventTypes":["payment.completed"]}""", _api.Bodies[0]);
    }

    [Fact]
    public async Task An_update_sends_only_what_changes()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.OK, EndpointJson);

        await client.UpdateAsync("sbx_3f9c", "we_0199", new UpdateWebhookEndpointRequest(Enabled: false), Cancellation);
        await client.UpdateAsync("sbx_3f9c", "we_0199",
            new UpdateWebhookEndpointRequest("https://hooks.example/v2", ["consent.revoked"], ""), Cancellation);

        Assert.Equal($"PATCH {Endpoints}/we_0199", Sent(0));
        Assert.Equal("""{"enabled":false}""", _api.Bodies[0]);
        Assert.Equal("""{"url":"https://hooks.example/v2","eventTypes":["consent.revoked"],"description":""}""", _api.Bodies[1]);
    }

    [Fact]
    public async Task Rotating_posts_the_overlap_and_reads_the_new_secret()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.OK, $$"""{ "endpoint": {{EndpointJson}}, "secret": "whsec_bmV3" }""");

        var result = await client.RotateSecretAsync("sbx_3f9c", "we_0199", 24, Cancellation);

        Assert.Equal("whsec_bmV3", Assert.IsType<ApiResult<WebhookEndpointWithSecret>.Success>(result).Value.Secret);
        Assert.Equal($"POST {Endpoints}/we_0199/rotate-secret", Sent(0));
        Assert.Equal("""{"overlapHours":24}""", _api.Bodies[0]);
    }

    [Fact]
    public async Task A_test_event_is_a_post_without_a_body()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.Accepted, """{ "eventId": "evt_9", "deliveryId": "dlv_9" }""");

        var result = await client.SendTestAsync("sbx_3f9c", "we_0199", Cancellation);

        Assert.Equal(new TestEventSent("evt_9", "dlv_9"), Assert.IsType<ApiResult<TestEventSent>.Success>(result).Value);
        Assert.Equal($"POST {Endpoints}/we_0199/test", Sent(0));
        Assert.Null(_api.Bodies[0]);
    }

    [Fact]
    public async Task Deleting_sends_a_delete_and_succeeds_on_204()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.NoContent);

        Assert.IsType<ApiResult<Done>.Success>(await client.DeleteAsync("sbx_3f9c", "we_0199", Cancellation));
        Assert.Equal($"DELETE {Endpoints}/we_0199", Sent(0));
    }

    [Fact]
    public async Task Deliveries_are_listed_with_the_filter_and_cursor_and_the_next_cursor_is_read_from_links_next()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.OK, $$"""
            { "data": [ {{DeliveryJson}} ],
              "links": { "self": "x", "next": "https://api.wekeza.test/v1/webhook-endpoints/we_0199/deliveries?status=Failed&limit=20&cursor=c%2B2" },
              "meta": { "totalPages": null } }
            """);

        var result = await client.ListDeliveriesAsync("sbx_3f9c", "we_0199", new WebhookDeliveryQuery("Failed", "c+1"), Cancellation);

        var page = Assert.IsType<ApiResult<WebhookDeliveryPage>.Success>(result).Value;
        Assert.Equal("c+2", page.NextCursor);
        var delivery = Assert.Single(page.Items);
        Assert.Equal(("dlv_1", "Failed", 500, "HTTP 500"), (delivery.Id, delivery.Status, delivery.LastStatusCode, delivery.LastError));
        Assert.Null(delivery.AttemptLog);
        Assert.Equal($"GET {Endpoints}/we_0199/deliveries?status=Failed&limit=20&cursor=c%2B1", Sent(0));
    }

    [Fact]
    public async Task The_last_page_of_deliveries_has_no_next_cursor()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.OK, """{ "data": [], "links": { "self": "x" }, "meta": { "totalPages": null } }""");

        var result = await client.ListDeliveriesAsync("sbx_3f9c", "we_0199", new WebhookDeliveryQuery(), Cancellation);

        Assert.Null(Assert.IsType<ApiResult<WebhookDeliveryPage>.Success>(result).Value.NextCursor);
        Assert.Equal($"GET {Endpoints}/we_0199/deliveries?limit=20", Sent(0));
    }

    [Fact]
    public async Task One_delivery_comes_with_its_attempts_and_payload()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.OK, DeliveryJson.TrimEnd().TrimEnd('}') + """
            , "payload": { "id": "evt_1", "type": "payment.completed", "data": { "paymentId": "pay_1" } },
              "attemptLog": [ { "attemptedAt": "2026-11-24T10:00:00Z", "statusCode": null, "durationMs": 10000,
                                "error": "Timed out after 10 s", "responseBody": null },
                              { "attemptedAt": "2026-11-24T10:00:05Z", "statusCode": 500, "durationMs": 12,
                                "error": "HTTP 500", "responseBody": "oops" } ] }
            """);

        var result = await client.GetDeliveryAsync("sbx_3f9c", "we_0199", "dlv_1", Cancellation);

        var delivery = Assert.IsType<ApiResult<WebhookDelivery>.Success>(result).Value;
        Assert.Equal([(null, 10000, "Timed out after 10 s"), (500, 12, "HTTP 500")],
            delivery.AttemptLog!.Select(attempt => (attempt.StatusCode, attempt.DurationMs, attempt.Error)));
        Assert.Equal("pay_1", delivery.Payload?.GetProperty("data").GetProperty("paymentId").GetString());
        Assert.Equal($"GET {Endpoints}/we_0199/deliveries/dlv_1", Sent(0));
    }

    [Fact]
    public async Task Resending_posts_to_the_deliverys_resend()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.Accepted, DeliveryJson.Replace("\"Failed\"", "\"Pending\"", StringComparison.Ordinal));

        var result = await client.ResendAsync("sbx_3f9c", "we_0199", "dlv_1", Cancellation);

        Assert.Equal(WebhookDeliveryStatuses.Pending, Assert.IsType<ApiResult<WebhookDelivery>.Success>(result).Value.Status);
        Assert.Equal($"POST {Endpoints}/we_0199/deliveries/dlv_1/resend", Sent(0));
        Assert.Null(_api.Bodies[0]);
    }

    [Fact]
    public async Task Ids_are_escaped_so_they_cannot_reach_another_apps_path()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.NotFound, """{ "status": 404, "code": "webhook_endpoint_not_found" }""", "application/problem+json");

        var result = await client.GetDeliveryAsync("sbx_1/../sbx_2", "we_1?x=1", "dlv/../1", Cancellation);

        Assert.IsType<ApiResult<WebhookDelivery>.NotFound>(result);
        Assert.Equal($"GET {ApiBase}v1/apps/sbx_1%2F..%2Fsbx_2/webhook-endpoints/we_1%3Fx%3D1/deliveries/dlv%2F..%2F1", Sent(0));
    }

    [Fact]
    public async Task Field_errors_keep_the_apis_keys()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.UnprocessableEntity, """
            { "title": "The endpoint is not valid", "status": 422, "code": "validation_failed",
              "errors": { "url": ["Use https."], "eventTypes[1]": ["Unknown event type."] } }
            """, "application/problem+json");

        var result = await client.CreateAsync("sbx_3f9c", new CreateWebhookEndpointRequest("http://x", ["a", "b"], null), Cancellation);

        var errors = Assert.IsType<ApiResult<WebhookEndpointWithSecret>.Invalid>(result).Errors;
        Assert.Equal("Use https.", errors.For(WebhookFields.Url));
        Assert.Equal("Unknown event type.", errors.For(WebhookFields.EventType(1)));
    }

    [Fact]
    public async Task The_endpoint_limit_is_a_message_not_a_field_error()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.UnprocessableEntity, """
            { "title": "Too many webhook endpoints", "status": 422, "code": "webhook_endpoint_limit",
              "detail": "An app can have at most 20 webhook endpoints." }
            """, "application/problem+json");

        var result = await client.CreateAsync("sbx_3f9c", new CreateWebhookEndpointRequest("https://x.example", ["a"], null), Cancellation);

        Assert.Equal("An app can have at most 20 webhook endpoints.", Assert.IsType<ApiResult<WebhookEndpointWithSecret>.Failed>(result).Message);
    }

    [Fact]
    public async Task A_token_without_the_webhooks_scope_asks_the_developer_to_sign_in_again()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.Forbidden, """{ "status": 403 }""", "application/problem+json");

        var result = await client.ListAsync("sbx_3f9c", Cancellation);

        Assert.Contains("sign in again", Assert.IsType<ApiResult<IReadOnlyList<WebhookEndpoint>>.Failed>(result).Message);
    }

    [Fact]
    public async Task Without_a_configured_api_nothing_is_sent_and_the_page_gets_a_message()
    {
        var (http, session) = await _api.ConnectAsync(baseAddress: null);
        var client = new WebhooksClient(http, session, NullLogger<WebhooksClient>.Instance);

        var result = await client.ListAsync("sbx_3f9c", Cancellation);

        Assert.Contains("could not reach the webhooks service", Assert.IsType<ApiResult<IReadOnlyList<WebhookEndpoint>>.Failed>(result).Message);
        Assert.Empty(_api.Requests);
    }

    private string Sent(int index) => $"{_api.Requests[index].Method} {_api.Requests[index].RequestUri?.AbsoluteUri}";

    private async Task<WebhooksClient> CreateClientAsync()
    {
        var (http, session) = await _api.ConnectAsync(new Uri(ApiBase));
        return new WebhooksClient(http, session, NullLogger<WebhooksClient>.Instance);
    }
}
