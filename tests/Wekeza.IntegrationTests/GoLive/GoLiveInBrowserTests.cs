using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wekeza.IntegrationTests.EndToEnd;
using Wekeza.IntegrationTests.Identity;

namespace Wekeza.IntegrationTests.GoLive;

/// <summary>The administrator's side in a real browser: the review page, its readiness section, and Approve.</summary>
public sealed class GoLiveInBrowserTests(PlatformFixture platform, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private readonly Journeys _journeys = new(platform);

    [Fact]
    public async Task An_admin_reviews_a_submitted_request_in_the_portal_and_approves_it()
    {
        var (_, token, app) = await _journeys.NewAppAsync("accounts.read");
        using var apps = _journeys.AppsApi(token);
        var requestId = await GoLiveTests.SubmitAsync(apps, app.Id, $"https://browser-{Guid.NewGuid():N}.example/cb");
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var portal = platform.App.GetEndpoint("portal");
        var wait = new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 };

        await NewcomerSteps.SignInFromHomeAsync(page, GoLiveTests.Admin, portal);

        await page.GotoAsync($"{portal}/admin/production-requests");
        await page.Locator("main[data-interactive='true']").WaitForAsync();
        await page.Locator($"a[href='/admin/production-requests/{requestId}']").ClickAsync();
        await page.WaitForURLAsync(new Regex(Regex.Escape(requestId) + "$"));

        // Auth's own check of the redirect URI, and the API's readiness report (or a plain word that there is none).
        await Assertions.Expect(page.Locator(".registration-checks")).ToContainTextAsync("exact https URI", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=readiness]")).ToBeVisibleAsync(wait);
        await page.Locator("[data-testid=approve]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=request-state]")).ToHaveTextAsync("approved", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=production-client-id]")).ToHaveTextAsync(new Regex("^live_[0-9a-f]{32}$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=request-trail]")).ToContainTextAsync("submitted → approved", new() { Timeout = 30_000 });
    }
}
