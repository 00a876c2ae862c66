using AngleSharp.Dom;
using Wekeza.Portal.Components.Webhooks;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Webhooks;

namespace Wekeza.Portal.Tests.Webhooks;

public sealed class WebhookEndpointsTests : WebhooksTestContext
{
    private static readonly DateTimeOffset FailingSince = FakeWebhooksClient.Now.AddDays(-2);

    [Fact]
    public void Lists_each_endpoint_with_its_status_and_events_and_when_a_failing_one_will_be_disabled()
    {
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint("we_1"));
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint("we_2", "https://flaky.example/hooks", WebhookEndpointStatuses.Failing,
            failingSince: FailingSince, disablesAt: FailingSince.AddDays(5)));
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint("we_3", "https://old.example/hooks", WebhookEndpointStatuses.Disabled,
            disabledReason: "Every delivery failed for 5 days since 10 Nov 2026."));

        var list = RenderEndpoints();

        Assert.Equal(["List sbx_3f9c"], WebhooksApi.Calls);
        Assert.Equal(
            [
                ("https://hooks.example/wekeza", "Active"),
                ("https://flaky.example/hooks", "Failing"),
                ("https://old.example/hooks", "Disabled"),
            ],
            list.FindAll("[data-testid=webhook-endpoint]").Select(card =>
                (Text(card, "webhook-endpoint-url"), card.QuerySelector("[data-testid=webhook-status]")!.GetAttribute("data-status"))));
        Assert.Empty(Card(list, "we_1").QuerySelectorAll("[data-testid=webhook-status-detail]"));
        Assert.Equal(["payment.completed", "payment.failed"],
            Card(list, "we_1").QuerySelectorAll("[data-testid=webhook-event-type]").Select(chip => chip.TextContent.Trim()));
        Assert.Equal(
            "Every delivery has failed since 22 Nov 2026, 10:00 UTC. It disables at 27 Nov 2026, 10:00 UTC unless a delivery succeeds first.",
            Text(Card(list, "we_2"), "webhook-status-detail"));
        Assert.Equal("Every delivery failed for 5 days since 10 Nov 2026.", Text(Card(list, "we_3"), "webhook-status-detail"));
        Assert.Empty(list.FindAll("[data-testid=webhook-secret]"));
    }

    [Fact]
    public void An_app_without_endpoints_says_so_and_offers_to_add_one()
    {
        var list = RenderEndpoints();

        Assert.Contains("No endpoints yet", list.Find("[data-testid=webhooks-empty]").TextContent);
        Assert.False(list.Find("[data-testid=webhook-add]").HasAttribute("disabled"));
    }

    [Fact]
    public void Adding_an_endpoint_sends_the_chosen_events_and_shows_the_signing_secret_once()
    {
        var list = RenderEndpoints();

        list.Find("[data-testid=webhook-add]").Click();
        list.Find("[data-testid=webhook-url]").Change(" https://hooks.example/new ");
        list.Find("[data-testid=webhook-description]").Change("Ledger sync");
        // Ticked out of the catalog's order: the request still follows the catalog.
        EventBox(list, "consent.revoked").Change(true);
        EventBox(list, "payment.completed").Change(true);
        list.Find("[data-testid=webhook-save]").Click();

        var request = Assert.Single(WebhooksApi.CreateCalls);
        Assert.Equal(new CreateWebhookEndpointRequest("https://hooks.example/new", request.EventTypes, "Ledger sync"), request);
        Assert.Equal(["payment.completed", "consent.revoked"], request.EventTypes);
        Assert.Equal("Create sbx_3f9c", WebhooksApi.Calls.Last());

        var secret = list.Find("[data-testid=webhook-secret]");
        Assert.Equal("whsec_Y3JlYXRlZC1zZWNyZXQ=", secret.QuerySelector(".secret-value")!.TextContent);
        Assert.Contains("it will not be shown again", secret.TextContent);
        Assert.Contains("https://hooks.example/new", secret.TextContent);
        Assert.Empty(list.FindAll("[data-testid=webhook-form]"));
        Assert.Equal("https://hooks.example/new", Text(Card(list, "we_1"), "webhook-endpoint-url"));

        // Nothing keeps the secret: the next visit lists the endpoint without it.
        Assert.Empty(RenderEndpoints().FindAll("[data-testid=webhook-secret]"));
    }

    [Fact]
    public void The_apis_field_errors_land_on_their_fields_and_no_secret_is_shown()
    {
        WebhooksApi.OnCreate = _ => new ApiResult<WebhookEndpointWithSecret>.Invalid(new FieldErrors(new Dictionary<string, string[]>
        {
            ["url"] = ["Production apps cannot send webhooks to private addresses."],
            ["eventTypes[1]"] = ["Unknown event type."],
            ["somethingNew"] = ["A rule the portal does not know yet."],
        }));
        var list = RenderEndpoints();

        list.Find("[data-testid=webhook-add]").Click();
        list.Find("[data-testid=webhook-url]").Change("https://10.0.0.5/hooks");
        EventBox(list, "payment.completed").Change(true);
        EventBox(list, "payment.failed").Change(true);
        list.Find("[data-testid=webhook-save]").Click();

        Assert.Equal("true", list.Find("[data-testid=webhook-url]").GetAttribute("aria-invalid"));
        Assert.Contains("Production apps cannot send webhooks to private addresses.", list.Find("[data-testid=webhook-form]").TextContent);
        // The second type sent was payment.failed: its message sits under that box.
        Assert.Equal("Unknown event type.", EventRow(list, "payment.failed").QuerySelector("[data-testid=webhook-event-error]")!.TextContent);
        Assert.Null(EventRow(list, "payment.completed").QuerySelector("[data-testid=webhook-event-error]"));
        Assert.Equal("A rule the portal does not know yet.", list.Find("[data-testid=webhook-form-error]").TextContent);
        Assert.Empty(list.FindAll("[data-testid=webhook-secret]"));
    }

    [Fact]
    public void The_form_checks_the_plain_rules_before_calling_the_api()
    {
        var list = RenderEndpoints();

        list.Find("[data-testid=webhook-add]").Click();
        list.Find("[data-testid=webhook-url]").Change("hooks.example/no-scheme");
        list.Find("[data-testid=webhook-save]").Click();

        Assert.Equal("true", list.Find("[data-testid=webhook-url]").GetAttribute("aria-invalid"));
        Assert.Equal("Choose at least one event type.", list.Find("[data-testid=webhook-events-error]").TextContent);
        Assert.Empty(WebhooksApi.CreateCalls);
    }

    [Fact]
    public void Each_event_type_is_offered_with_its_description()
    {
        var list = RenderEndpoints();

        list.Find("[data-testid=webhook-add]").Click();

        Assert.Equal(Wekeza.Webhooks.WebhookEventTypes.All, list.FindAll("[data-testid^=webhook-event-][data-event-type]").Select(row => row.GetAttribute("data-event-type")));
        Assert.Contains("A payment your app initiated reached the creditor.", EventRow(list, "payment.completed").TextContent);
    }

    [Fact]
    public void Rotating_asks_how_long_the_old_secret_signs_and_shows_the_new_secret_with_that_time()
    {
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint());
        var list = RenderEndpoints();

        list.Find("[data-testid=webhook-rotate]").Click();
        Dialogs.WaitForAssertion(() => Assert.True(Dialogs.Find("[data-testid=webhook-rotate-overlap-24] input").HasAttribute("checked")));
        Dialogs.Find("[data-testid=webhook-rotate-confirm]").Click();

        list.WaitForAssertion(() => Assert.Equal("whsec_bmV3LXNlY3JldA==", list.Find("[data-testid=webhook-secret] .secret-value").TextContent));
        Assert.Equal([("we_1", 24)], WebhooksApi.RotateCalls);
        Assert.Contains("keeps signing beside it until 25 Nov 2026, 10:00 UTC", Text(list.Find("[data-testid=webhook-secret]"), "webhook-secret-overlap"));
        Assert.Contains("also signs until 25 Nov 2026, 10:00 UTC", Text(Card(list, "we_1"), "webhook-secret-note"));
    }

    [Fact]
    public void Rotating_without_overlap_says_the_old_secret_no_longer_signs()
    {
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint());
        var list = RenderEndpoints();

        list.Find("[data-testid=webhook-rotate]").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=webhook-rotate-overlap-0] input").Click());
        Dialogs.Find("[data-testid=webhook-rotate-confirm]").Click();

        list.WaitForAssertion(() => Assert.Equal([("we_1", 0)], WebhooksApi.RotateCalls));
        Assert.Contains("no longer signs", Text(list.Find("[data-testid=webhook-secret]"), "webhook-secret-overlap"));
    }

    [Fact]
    public void Cancelling_the_rotation_rotates_nothing()
    {
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint());
        var list = RenderEndpoints();

        list.Find("[data-testid=webhook-rotate]").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=webhook-rotate-cancel]").Click());

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll(".mud-dialog")));
        Assert.Empty(WebhooksApi.RotateCalls);
        Assert.Empty(list.FindAll("[data-testid=webhook-secret]"));
    }

    [Fact]
    public void Sending_a_test_event_calls_the_api_and_opens_the_deliveries_with_it()
    {
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint());
        WebhooksApi.Deliveries.Add(FakeWebhooksClient.Delivery("dlv_old", minutesAgo: 60));
        var list = RenderEndpoints();
        Assert.Empty(list.FindAll("[data-testid=webhook-deliveries]"));

        list.Find("[data-testid=webhook-test]").Click();

        Assert.Contains("Test sbx_3f9c we_1", WebhooksApi.Calls);
        list.WaitForAssertion(() => Assert.Equal(["dlv_test2", "dlv_old"],
            list.FindAll("[data-testid=delivery-row]").Select(row => row.GetAttribute("data-delivery-id"))));
        var row = list.Find("[data-testid=delivery-row]");
        Assert.Equal("webhook.test", Text(row, "delivery-event-type"));
        Assert.Equal("Pending", Text(row, "delivery-status"));
        Snackbars.WaitForAssertion(() => Assert.Contains("Test event evt_dlv_test2 sent", Snackbars.Markup));
    }

    [Fact]
    public void A_second_test_event_refreshes_the_open_deliveries()
    {
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint());
        var list = RenderEndpoints();

        list.Find("[data-testid=webhook-test]").Click();
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=delivery-row]")));
        list.Find("[data-testid=webhook-test]").Click();

        list.WaitForAssertion(() => Assert.Equal(["dlv_test2", "dlv_test1"],
            list.FindAll("[data-testid=delivery-row]").Select(row => row.GetAttribute("data-delivery-id"))));
    }

    [Fact]
    public void A_disabled_endpoint_cannot_be_sent_a_test_event()
    {
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint(status: WebhookEndpointStatuses.Disabled, disabledReason: "Disabled by the developer."));

        var list = RenderEndpoints();

        Assert.True(list.Find("[data-testid=webhook-test]").HasAttribute("disabled"));
    }

    [Fact]
    public void The_switch_disables_and_enables_the_endpoint_sending_only_that()
    {
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint(status: WebhookEndpointStatuses.Failing, failingSince: FailingSince,
            disablesAt: FailingSince.AddDays(5)));
        var list = RenderEndpoints();

        Switch(list).Change(false);

        Assert.Equal(("we_1", new UpdateWebhookEndpointRequest(Enabled: false)), Assert.Single(WebhooksApi.UpdateCalls));
        list.WaitForAssertion(() => Assert.Equal("Disabled", list.Find("[data-testid=webhook-status]").GetAttribute("data-status")));
        Assert.Equal("Disabled by the developer.", Text(list.Find("[data-testid=webhook-endpoint]"), "webhook-status-detail"));

        Switch(list).Change(true);

        Assert.Equal(new UpdateWebhookEndpointRequest(Enabled: true), WebhooksApi.UpdateCalls[1].Request);
        list.WaitForAssertion(() => Assert.Equal("Active", list.Find("[data-testid=webhook-status]").GetAttribute("data-status")));
    }

    [Fact]
    public void Editing_sends_the_url_events_and_description()
    {
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint());
        var list = RenderEndpoints();

        list.Find("[data-testid=webhook-edit]").Click();
        Assert.Equal("https://hooks.example/wekeza", list.Find("[data-testid=webhook-url]").GetAttribute("value"));
        list.Find("[data-testid=webhook-url]").Change("https://hooks.example/v2");
        list.Find("[data-testid=webhook-description]").Change("");
        EventBox(list, "payment.failed").Change(false);
        EventBox(list, "consent.expired").Change(true);
        list.Find("[data-testid=webhook-save]").Click();

        var (id, request) = Assert.Single(WebhooksApi.UpdateCalls);
        Assert.Equal("we_1", id);
        Assert.Equal("https://hooks.example/v2", request.Url);
        Assert.Equal(["payment.completed", "consent.expired"], request.EventTypes);
        // Empty, not null: the description is cleared rather than left as it was.
        Assert.Equal("", request.Description);
        Assert.Null(request.Enabled);
        list.WaitForAssertion(() => Assert.Equal("https://hooks.example/v2", Text(list.Find("[data-testid=webhook-endpoint]"), "webhook-endpoint-url")));
        Assert.Empty(list.FindAll("[data-testid=webhook-form]"));
    }

    [Fact]
    public void Deleting_asks_first_and_then_removes_the_endpoint()
    {
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint());
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint("we_2", "https://other.example/hooks"));
        var list = RenderEndpoints();

        Card(list, "we_1").QuerySelector("[data-testid=webhook-delete]")!.Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("https://hooks.example/wekeza", Dialogs.Find("[data-testid=webhook-delete-text]").TextContent));
        Assert.DoesNotContain(WebhooksApi.Calls, call => call.StartsWith("Delete", StringComparison.Ordinal));
        Dialogs.Find("[data-testid=webhook-delete-confirm]").Click();

        list.WaitForAssertion(() => Assert.Equal(["we_2"],
            list.FindAll("[data-testid=webhook-endpoint]").Select(card => card.GetAttribute("data-endpoint-id"))));
        Assert.Contains("Delete sbx_3f9c we_1", WebhooksApi.Calls);
    }

    [Fact]
    public void Cancelling_the_deletion_deletes_nothing()
    {
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint());
        var list = RenderEndpoints();

        list.Find("[data-testid=webhook-delete]").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=webhook-delete-cancel]").Click());

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll(".mud-dialog")));
        Assert.DoesNotContain(WebhooksApi.Calls, call => call.StartsWith("Delete", StringComparison.Ordinal));
        Assert.Single(list.FindAll("[data-testid=webhook-endpoint]"));
    }

    [Fact]
    public void An_app_at_the_limit_cannot_add_another_endpoint()
    {
        for (var index = 0; index < WebhookEndpoints.MaxEndpoints; index++)
        {
            WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint($"we_{index}", $"https://hooks.example/{index}"));
        }

        var list = RenderEndpoints();

        Assert.True(list.Find("[data-testid=webhook-add]").HasAttribute("disabled"));
        Assert.Contains("at most 20 endpoints", list.Find("[data-testid=webhook-limit]").TextContent);
    }

    private IRenderedComponent<WebhookEndpoints> RenderEndpoints() =>
        Render<WebhookEndpoints>(parameters => parameters.Add(p => p.ClientId, FakeWebhooksClient.ClientId));

    private static IElement Card(IRenderedComponent<WebhookEndpoints> list, string endpointId) =>
        list.Find($"[data-testid=webhook-endpoint][data-endpoint-id={endpointId}]");

    private static IElement EventRow(IRenderedComponent<WebhookEndpoints> list, string type) =>
        list.Find($"[data-testid='webhook-event-{type}']");

    private static IElement EventBox(IRenderedComponent<WebhookEndpoints> list, string type) =>
        list.Find($"[data-testid='webhook-event-{type}'] input");

    private static IElement Switch(IRenderedComponent<WebhookEndpoints> list) =>
        list.Find("input[data-testid=webhook-enabled]");

    private static string Text(IElement element, string testId) =>
        (element.QuerySelector($"[data-testid={testId}]") ?? throw new InvalidOperationException($"No {testId} in {element.OuterHtml}"))
        .TextContent.Trim();
}
