using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.Identity;

namespace Wekeza.IntegrationTests.EndToEnd;

/// <summary>
/// An app built on a standard OAuth client library, told nothing but the bank's issuer and its own credentials: it
/// finds the endpoints in the discovery document, completes the consent journey, and reads only what was consented.
/// </summary>
public sealed class StandardClientTests(PlatformFixture platform, FintechApp fintech) : IClassFixture<FintechApp>
{
    [Fact]
    public async Task A_standard_client_completes_the_consent_journey_and_reads_only_the_consented_account()
    {
        var consentId = await new ConsentJourney(platform).CreateConsentAsync(fintech.Registration);
        using var browser = new Browser(platform);

        // The customer starts at the app, signs in at the bank and shares one of their two accounts.
        var callback = await new Journeys(platform).AuthorizeAsync(browser, ConsentJourney.Customer(), fintech.LoginUrl(consentId),
            consent: true, ["acc_000101"]);
        Assert.StartsWith(fintech.Registration.RedirectUri + "?", callback.AbsoluteUri);
        using var accounts = await browser.FollowAsync(callback.AbsoluteUri);

        Assert.Equal(fintech.AccountsUrl, accounts.RequestMessage!.RequestUri!.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
        var body = await accounts.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(["acc_000101"], body.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()));
    }
}
