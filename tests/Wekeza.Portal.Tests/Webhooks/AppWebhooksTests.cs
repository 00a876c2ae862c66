using Wekeza.Portal.Components.Pages.Apps;
using Wekeza.Portal.Tests.Apps;

namespace Wekeza.Portal.Tests.Webhooks;

public sealed class AppWebhooksTests : WebhooksTestContext
{
    public AppWebhooksTests() => AppsApi.Apps.Add(FakeAppsClient.App());

    [Fact]
    public void The_apps_page_links_to_its_webhooks()
    {
        var page = Render<AppDetail>(parameters => parameters.Add(p => p.Id, "app_1"));

        Assert.Equal("/apps/app_1/webhooks", page.Find("[data-testid=app-webhooks-link]").GetAttribute("href"));
    }

    [Fact]
    public void The_webhooks_page_manages_the_endpoints_of_the_apps_client_id()
    {
        WebhooksApi.Endpoints.Add(FakeWebhooksClient.Endpoint());

        var page = Render<AppWebhooks>(parameters => parameters.Add(p => p.Id, "app_1"));

        Assert.Equal("Webhooks", page.Find("h1").TextContent.Trim());
        Assert.Equal("/apps/app_1", page.Find("[data-testid=back-to-app]").GetAttribute("href"));
        Assert.Equal(["List sbx_3f9c"], WebhooksApi.Calls);
        Assert.Single(page.FindAll("[data-testid=webhook-endpoint]"));
    }

    [Fact]
    public void An_unknown_app_gets_the_not_found_state_and_no_webhook_calls()
    {
        var page = Render<AppWebhooks>(parameters => parameters.Add(p => p.Id, "app_nope"));

        Assert.Contains("We couldn't find that app", page.Find(".app-not-found h1").TextContent);
        Assert.Empty(WebhooksApi.Calls);
    }
}
