using Wekeza.Portal.Components.Pages;
using Wekeza.Portal.Tests.Apps;

namespace Wekeza.Portal.Tests.Components.Pages;

public sealed class GettingStartedTests : PortalTestContext
{
    public GettingStartedTests() => SignInAsDeveloper();

    [Fact]
    public void Token_request_uses_the_developers_client_id_at_the_auth_servers_token_endpoint()
    {
        AppsApi.Apps.Add(FakeAppsClient.App());

        var page = Render<GettingStarted>();

        var curl = page.Find(".token-curl code").TextContent;
        Assert.Contains($"curl -X POST {AuthBaseUrl}/connect/token", curl);
        Assert.Contains("-u sbx_3f9c:<client_secret>", curl);
        Assert.Contains("grant_type=client_credentials", curl);
        Assert.Contains("scope=accounts.read", curl);
    }

    [Fact]
    public void Api_request_calls_an_endpoint_the_apps_own_token_may_call_on_the_configured_api()
    {
        var page = Render<GettingStarted>();

        var curl = page.Find(".api-curl code").TextContent;
        Assert.Contains($"curl {ApiBaseUrl}/v1/sandbox/customers", curl);
        Assert.Contains("Authorization: Bearer <access_token>", curl);
    }

    [Fact]
    public void The_developers_app_is_one_click_from_the_console()
    {
        AppsApi.Apps.Add(FakeAppsClient.App());

        var page = Render<GettingStarted>();

        Assert.EndsWith("/console", page.Find("a.console-link").GetAttribute("href"));
        Assert.NotNull(page.Find("a[href='/docs/getting-started']"));
    }

    [Fact]
    public void Without_an_app_the_client_id_is_a_placeholder_and_creating_one_is_offered()
    {
        var page = Render<GettingStarted>();

        Assert.Contains("-u <client_id>:<client_secret>", page.Find(".token-curl code").TextContent);
        Assert.NotNull(page.Find("a[href='/apps/new']"));
    }
}
