using System.Net;

namespace Wekeza.IntegrationTests.Portal;

public sealed class LandingPageTests(PlatformFixture platform)
{
    [Fact]
    public async Task Landing_page_tells_a_developer_what_the_platform_offers_and_links_the_running_services()
    {
        using var client = platform.CreateClient("portal");
        using var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Build on Wekeza", html);
        Assert.Contains("Payment initiation", html);
        // The navigation points at this stack's own API docs and discovery document, wherever they run.
        Assert.Contains(platform.App.GetEndpoint("api") + "/docs", html);
        Assert.Contains(platform.App.GetEndpoint("auth") + "/.well-known/openid-configuration", html);
    }

    [Fact]
    public async Task Portal_static_assets_are_served()
    {
        using var client = platform.CreateClient("portal");
        using var response = await client.GetAsync("/_content/MudBlazor/MudBlazor.min.css", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
