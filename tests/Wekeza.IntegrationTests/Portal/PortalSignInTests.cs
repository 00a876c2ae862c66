using System.Net;
using Wekeza.IntegrationTests.Identity;

namespace Wekeza.IntegrationTests.Portal;

/// <summary>The portal signs developers in at auth (code flow + PKCE) and shows their apps with their token.</summary>
public sealed class PortalSignInTests(PlatformFixture platform)
{
    private readonly Journeys _journeys = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_developer_signs_in_through_auth_and_lands_on_their_apps()
    {
        var (developer, _, app) = await _journeys.NewAppAsync("accounts.read");
        var portal = new Uri(platform.App.GetEndpoint("portal") + "/");
        using var browser = new Browser(platform);

        // The portal sends the browser to auth, auth to its login page; signing in comes back to the portal's callback.
        var callback = await _journeys.AuthorizeAsync(browser, developer, new Uri(portal, "account/login?returnUrl=%2Fapps").AbsoluteUri);
        Assert.Equal(portal.Authority, callback.Authority);
        Assert.Equal("/signin-oidc", callback.AbsolutePath);

        using var landed = await browser.FollowAsync(callback.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/apps", landed.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await landed.Content.ReadAsStringAsync(Cancel);
        Assert.Contains(developer.Name, html);
        Assert.Contains(app.ClientId, html);
    }

    [Fact]
    public async Task Without_signing_in_the_apps_page_sends_the_browser_to_sign_in()
    {
        using var browser = new Browser(platform);

        using var response = await browser.GetAsync(platform.App.GetEndpoint("portal") + "/apps");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?returnUrl=", response.Headers.Location!.PathAndQuery);
    }
}
