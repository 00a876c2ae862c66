using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.Payments;
using Wekeza.IntegrationTests.Webhooks;

namespace Wekeza.IntegrationTests.EndToEnd;

/// <summary>
/// Issue 6's "done when", in a real browser: a developer subscribes an endpoint in the portal, a sandbox payment
/// completes, the signed payment.completed arrives (verified with the secret the portal showed, by the spec's
/// algorithm and by the Standard Webhooks library), and the portal lists the delivery as Succeeded.
/// </summary>
public sealed class WebhooksInBrowserTests(PlatformFixture platform, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly WebhookJourney _journey = new(platform);
    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_developer_subscribes_in_the_portal_pays_in_the_sandbox_and_sees_the_verified_delivery_listed()
    {
        var (developer, _, app, _) = await _journey.NewAppAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        var portal = platform.App.GetEndpoint("portal");

        await NewcomerSteps.SignInFromHomeAsync(page, developer, portal);

        await page.GotoAsync($"{portal}/apps/{app.Id}/webhooks");
        await page.Locator("main[data-interactive='true']").WaitForAsync();
        await page.Locator("[data-testid=webhook-add]").ClickAsync();
        var url = _receiver.Endpoint();
        await page.Locator("[data-testid=webhook-url]").FillAsync(url);
        await page.Locator("[data-testid='webhook-event-payment.completed'] input").CheckAsync();
        await page.Locator("[data-testid=webhook-save]").ClickAsync();
        var shown = page.Locator("[data-testid=webhook-secret] .secret-value");
        await Assertions.Expect(shown).ToHaveTextAsync(new Regex("^whsec_[A-Za-z0-9+/]{43}=$"));
        var secret = await shown.TextContentAsync();

        var debtor = await _journey.Payments.OpenFundedAccountAsync(0, 2_000m);
        var initiation = PaymentJourney.Initiation(amount: "120.00", debtorAccountId: debtor);
        var (consentId, customerApi) = await _journey.Payments.AuthorisedAsync(app, initiation, ConsentJourney.Customer(0), debtor);
        using var submitted = await PaymentJourney.SubmitAsync(customerApi, consentId, initiation, PaymentJourney.NewKey());
        var paymentId = await PaymentJourney.AcceptedAsync(submitted);

        var delivered = (await _receiver.WaitForAsync(url, 1)).Single();
        Assert.Equal(paymentId, JsonDocument.Parse(delivered.Body).RootElement.GetProperty("data").GetProperty("paymentId").GetString());
        Assert.True(StandardWebhooksVerifier.Verify(secret!, delivered));
        Assert.Equal("ok", (await OffTheShelfVerifier.VerifyAsync(secret!, [delivered])).Single());

        await page.Locator("[data-testid=webhook-deliveries-toggle]").ClickAsync();
        var row = page.Locator("[data-testid=delivery-row]").Filter(new() { HasText = "payment.completed" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-testid=delivery-status]")).ToContainTextAsync("Succeeded");
    }
}
