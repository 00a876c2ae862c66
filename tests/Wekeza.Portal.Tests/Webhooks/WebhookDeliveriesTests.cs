using AngleSharp.Dom;
using Wekeza.Portal.Components.Webhooks;
using Wekeza.Portal.Webhooks;

namespace Wekeza.Portal.Tests.Webhooks;

public sealed class WebhookDeliveriesTests : WebhooksTestContext
{
    public WebhookDeliveriesTests()
    {
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint());
        WebhooksApi.Deliveries.AddRange(
        [
            FakeWebhooksClient.Delivery("dlv_3", WebhookDeliveryStatuses.Failed, minutesAgo: 1, lastStatusCode: 500, lastError: "HTTP 500", attempts: 8),
            FakeWebhooksClient.Delivery("dlv_2", WebhookDeliveryStatuses.Pending, minutesAgo: 2, lastStatusCode: null,
                lastError: "Timed out after 10 s", attempts: 2),
            FakeWebhooksClient.Delivery("dlv_1", minutesAgo: 3),
        ]);
    }

    [Fact]
    public void Lists_the_endpoints_deliveries_newest_first_with_status_and_last_outcome()
    {
        var deliveries = RenderDeliveries();

        Assert.Equal(
            [
                ("dlv_3", "Failed", "8", "HTTP 500"),
                ("dlv_2", "Pending", "2", "Timed out after 10 s"),
                ("dlv_1", "Succeeded", "1", "HTTP 200"),
            ],
            Rows(deliveries).Select(row => (row.GetAttribute("data-delivery-id"), Text(row, "delivery-status"), Text(row, "delivery-attempts"),
                Text(row, "delivery-outcome"))));
        Assert.Equal("24 Nov 2026, 09:59:00 UTC", Text(Rows(deliveries)[0], "delivery-created"));
        Assert.Equal(new WebhookDeliveryQuery(), Assert.Single(WebhooksApi.DeliveryQueries));
        Assert.Equal("ListDeliveries sbx_3f9c we_1", Assert.Single(WebhooksApi.Calls));
    }

    [Fact]
    public void The_status_filter_asks_the_api_for_that_status_only()
    {
        var deliveries = RenderDeliveries();

        deliveries.Find("[data-testid=delivery-filter-Failed]").Click();

        Assert.Equal(WebhookDeliveryStatuses.Failed, WebhooksApi.DeliveryQueries.Last().Status);
        Assert.Equal(["dlv_3"], Rows(deliveries).Select(row => row.GetAttribute("data-delivery-id")));
        Assert.Equal("true", deliveries.Find("[data-testid=delivery-filter-Failed]").GetAttribute("aria-pressed"));

        deliveries.Find("[data-testid=delivery-filter-Pending]").Click();
        Assert.Equal(["dlv_2"], Rows(deliveries).Select(row => row.GetAttribute("data-delivery-id")));

        deliveries.Find("[data-testid=delivery-filter-all]").Click();
        Assert.Null(WebhooksApi.DeliveryQueries.Last().Status);
        Assert.Equal(3, Rows(deliveries).Count);
    }

    [Fact]
    public void An_empty_filter_says_so()
    {
        WebhooksApi.Deliveries.Clear();

        var deliveries = RenderDeliveries();

        Assert.Contains("No deliveries yet", deliveries.Find("[data-testid=deliveries-empty]").TextContent);
    }

    [Fact]
    public void Load_more_reads_the_next_page_by_its_cursor_and_appends_it()
    {
        WebhooksApi.PageSize = 2;
        var deliveries = RenderDeliveries();
        Assert.Equal(2, Rows(deliveries).Count);

        deliveries.Find("[data-testid=delivery-load-more]").Click();

        Assert.Equal("2", WebhooksApi.DeliveryQueries.Last().Cursor);
        Assert.Equal(["dlv_3", "dlv_2", "dlv_1"], Rows(deliveries).Select(row => row.GetAttribute("data-delivery-id")));
        Assert.Empty(deliveries.FindAll("[data-testid=delivery-load-more]"));
    }

    [Fact]
    public void A_delivery_expands_to_its_attempts_and_payload()
    {
        var failed = WebhooksApi.Deliveries[0];
        WebhooksApi.Deliveries[0] = FakeWebhooksClient.WithDetail(failed,
            new WebhookAttempt(FakeWebhooksClient.Now.AddMinutes(-1), 500, 42, "HTTP 500", "{\"error\":\"database down\"}"),
            new WebhookAttempt(FakeWebhooksClient.Now.AddMinutes(-1).AddSeconds(5), null, 10000, "Timed out after 10 s", null));
        var deliveries = RenderDeliveries();
        Assert.Empty(deliveries.FindAll("[data-testid=delivery-detail]"));

        Row(deliveries, "dlv_3").QuerySelector("[data-testid=delivery-expand]")!.Click();

        Assert.Contains("GetDelivery sbx_3f9c we_1 dlv_3", WebhooksApi.Calls);
        var detail = deliveries.Find("[data-testid=delivery-detail][data-delivery-id=dlv_3]");
        Assert.Equal(
            [
                ("24 Nov 2026, 09:59:00 UTC", "500", "42 ms", "HTTP 500", "{\"error\":\"database down\"}"),
                ("24 Nov 2026, 09:59:05 UTC", "—", "10000 ms", "Timed out after 10 s", "—"),
            ],
            detail.QuerySelectorAll("[data-testid=delivery-attempt]").Select(attempt => (Text(attempt, "attempt-when"),
                Text(attempt, "attempt-status-code"), Text(attempt, "attempt-duration"), Text(attempt, "attempt-error"),
                Text(attempt, "attempt-response"))));
        var payload = Text(detail, "delivery-payload");
        Assert.Contains("\"id\": \"evt_dlv_3\"", payload);
        Assert.Contains("\"paymentId\": \"pay_1\"", payload);

        Row(deliveries, "dlv_3").QuerySelector("[data-testid=delivery-expand]")!.Click();
        Assert.Empty(deliveries.FindAll("[data-testid=delivery-detail]"));
    }

    [Fact]
    public void Resend_calls_the_api_and_shows_the_delivery_pending_again()
    {
        var deliveries = RenderDeliveries();

        Row(deliveries, "dlv_3").QuerySelector("[data-testid=delivery-resend]")!.Click();

        Assert.Contains("Resend sbx_3f9c we_1 dlv_3", WebhooksApi.Calls);
        deliveries.WaitForAssertion(() => Assert.Equal("Pending", Text(Row(deliveries, "dlv_3"), "delivery-status")));
        Snackbars.WaitForAssertion(() => Assert.Contains("on its way again", Snackbars.Markup));
    }

    [Fact]
    public void A_disabled_endpoints_deliveries_cannot_be_resent()
    {
        var deliveries = Render<WebhookDeliveries>(parameters => parameters
            .Add(p => p.ClientId, FakeWebhooksClient.ClientId)
            .Add(p => p.EndpointId, "we_1")
            .Add(p => p.EndpointEnabled, false));

        Assert.All(deliveries.FindAll("[data-testid=delivery-resend]"), button => Assert.True(button.HasAttribute("disabled")));
    }

    [Fact]
    public void A_watched_delivery_is_read_again_until_it_arrives()
    {
        var deliveries = Render<WebhookDeliveries>(parameters => parameters
            .Add(p => p.ClientId, FakeWebhooksClient.ClientId)
            .Add(p => p.EndpointId, "we_1")
            .Add(p => p.InitialWatch, "dlv_2")
            .Add(p => p.WatchInterval, TimeSpan.FromMilliseconds(20)));
        Assert.Equal("Pending", Text(Row(deliveries, "dlv_2"), "delivery-status"));
        Assert.NotNull(deliveries.Find("[data-testid=delivery-detail][data-delivery-id=dlv_2]"));

        // The worker delivers it.
        WebhooksApi.Deliveries[1] = WebhooksApi.Deliveries[1] with
        {
            Status = WebhookDeliveryStatuses.Succeeded, Attempts = 3, LastStatusCode = 204, LastError = null,
        };

        deliveries.WaitForAssertion(() => Assert.Equal("Succeeded", Text(Row(deliveries, "dlv_2"), "delivery-status")), TimeSpan.FromSeconds(5));
        Assert.Equal("HTTP 204", Text(Row(deliveries, "dlv_2"), "delivery-outcome"));
    }

    private IRenderedComponent<WebhookDeliveries> RenderDeliveries() =>
        Render<WebhookDeliveries>(parameters => parameters.Add(p => p.ClientId, FakeWebhooksClient.ClientId).Add(p => p.EndpointId, "we_1"));

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<WebhookDeliveries> deliveries) =>
        deliveries.FindAll("[data-testid=delivery-row]");

    private static IElement Row(IRenderedComponent<WebhookDeliveries> deliveries, string id) =>
        deliveries.Find($"[data-testid=delivery-row][data-delivery-id={id}]");

    private static string Text(IElement element, string testId) =>
        (element.QuerySelector($"[data-testid={testId}]") ?? throw new InvalidOperationException($"No {testId} in {element.OuterHtml}"))
        .TextContent.Trim();
}
