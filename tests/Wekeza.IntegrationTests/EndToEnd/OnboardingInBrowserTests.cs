using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wekeza.IntegrationTests.Identity;

namespace Wekeza.IntegrationTests.EndToEnd;

/// <summary>
/// The newcomer's journey in a real browser, from the portal's home page to a client secret, touching only what a
/// person would: buttons, links, fields and the email they received.
/// </summary>
public sealed class OnboardingInBrowserTests(PlatformFixture platform, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private readonly Journeys _journeys = new(platform);

    [Fact]
    public async Task A_newcomer_registers_verifies_signs_in_and_creates_an_app_in_the_portal()
    {
        var developer = Person.NewDeveloper();
        // The stack's certificates come from its own CA, which this fresh browser profile does not know; TLS trust
        // itself is covered by the HTTP tests that trust exactly that CA.
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        var portal = platform.App.GetEndpoint("portal");
        await NewcomerSteps.OpenRegistrationAsync(page, portal);
        await NewcomerSteps.RegisterAsync(page, developer);
        await NewcomerSteps.VerifyEmailAsync(page, _journeys, developer);
        await NewcomerSteps.SignInAsync(page, developer, portal);

        // Back in the portal, signed in.
        await Assertions.Expect(page.Locator(".user-name")).ToHaveTextAsync(developer.Name);

        await page.GotoAsync(platform.App.GetEndpoint("portal") + "/apps/new");
        await page.Locator("main[data-interactive='true']").WaitForAsync();
        await page.Locator(".app-name input").FillAsync("Chama Ledger");
        await page.Locator(".redirect-uri input").First.FillAsync("https://chama.example/callback");
        await page.Locator("[data-scope='accounts.read'] input[type=checkbox]").CheckAsync();
        await page.Locator("button.create-app").ClickAsync();

        var secret = page.Locator(".secret-value");
        await Assertions.Expect(secret).ToHaveTextAsync(new Regex("^wk_sbx_sk_[A-Za-z0-9_-]{43}$"));
        await Assertions.Expect(page.Locator(".one-time-secret")).ToContainTextAsync("will not be shown again");
        await Assertions.Expect(page.GetByText(new Regex("^sbx_[0-9a-f]{32}$")).First).ToBeVisibleAsync();

        // Shown once: after a reload it is gone for good.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chama Ledger" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".secret-value")).ToHaveCountAsync(0);
    }
}
