using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wekeza.IntegrationTests.Consents;

namespace Wekeza.IntegrationTests.EndToEnd;

/// <summary>
/// The consent journey in a real browser, through an app built on a standard OAuth client library: the customer
/// connects the app to one account, then takes the access back in the portal, and the app is cut off.
/// </summary>
public sealed class StandardClientInBrowserTests(PlatformFixture platform, ChromiumFixture chromium, FintechApp fintech)
    : IClassFixture<ChromiumFixture>, IClassFixture<FintechApp>
{
    [Fact]
    public async Task A_customer_connects_an_app_to_one_account_and_revoking_it_in_the_portal_cuts_the_app_off()
    {
        var customer = ConsentJourney.Customer();
        var consentId = await new ConsentJourney(platform).CreateConsentAsync(fintech.Registration);
        // The stack's certificates come from its own CA, which this fresh browser profile does not know.
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.GotoAsync(fintech.LoginUrl(consentId));
        await page.GetByLabel("Email").FillAsync(customer.Email);
        await page.GetByLabel("Password").FillAsync(customer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("consent-app")).ToHaveTextAsync(fintech.Name);
        await page.GetByTestId("account-acc_000101").CheckAsync();
        // Back at the app, which redeems the code and shows what the API lets it read.
        var accounts = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("allow").ClickAsync(), fintech.AccountsUrl);
        Assert.Equal(200, accounts.Status);
        Assert.Equal(["acc_000101"], AccountIds(await accounts.JsonAsync()));

        // In the portal, signed in through the same session at the bank.
        await page.GotoAsync(platform.App.GetEndpoint("portal") + "/consents");
        // A click before the circuit is up lands on the prerendered page, which the interactive render then replaces.
        await page.Locator("main[data-interactive='true']").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = fintech.Name }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = fintech.Name })).ToBeVisibleAsync();
        await page.GetByTestId("revoke-access").ClickAsync();
        await page.GetByTestId("confirm-revoke").ClickAsync();
        await Assertions.Expect(page.GetByTestId("consent-status")).ToHaveAttributeAsync("data-status", "Revoked");

        // The app's token still verifies, but the consent behind it is gone.
        var (status, code) = await PollAccountsAsync(context, until: TimeSpan.FromSeconds(2));
        Assert.Equal((403, "consent_revoked"), (status, code));
    }

    private async Task<(int Status, string? Code)> PollAccountsAsync(IBrowserContext context, TimeSpan until)
    {
        var deadline = DateTime.UtcNow + until;
        while (true)
        {
            // The context's request client carries the browser's cookies: the app's session.
            var response = await context.APIRequest.GetAsync(fintech.AccountsUrl);
            var body = await response.JsonAsync();
            var code = body is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("code", out var c) ? c.GetString() : null;
            if (response.Status == 403 || DateTime.UtcNow > deadline)
            {
                return (response.Status, code);
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static IEnumerable<string?> AccountIds(JsonElement? body) =>
        body!.Value.GetProperty("data").EnumerateArray().Select(account => account.GetProperty("accountId").GetString());
}
