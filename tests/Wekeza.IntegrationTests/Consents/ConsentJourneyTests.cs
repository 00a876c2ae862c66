using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;
using Wekeza.IntegrationTests.Identity;

namespace Wekeza.IntegrationTests.Consents;

/// <summary>The consent journey through auth's real pages against the whole app model, and what the token then reads.</summary>
public sealed class ConsentJourneyTests(PlatformFixture platform)
{
    private readonly ConsentJourney _journey = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_authorises_one_account_and_the_token_reads_exactly_that_account()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);

        var tokens = await _journey.AuthoriseAsync(app, consentId, ConsentJourney.Customer(), "acc_000101");

        var accessToken = tokens.GetProperty("access_token").GetString()!;
        Assert.Equal(consentId, Jwt.Payload(accessToken).GetProperty("consent_id").GetString());
        using var api = _journey.Api(accessToken);
        var accounts = await api.GetFromJsonAsync<JsonElement>("/v1/accounts", Cancel);
        var account = Assert.Single(accounts.GetProperty("data").EnumerateArray());
        Assert.Equal("acc_000101", account.GetProperty("accountId").GetString());

        // The customer's other account exists, but was not shared: exactly the answer for an account that does not exist.
        using var other = await api.GetAsync("/v1/accounts/acc_000102", Cancel);
        using var nowhere = await api.GetAsync("/v1/accounts/acc_999999", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal(Stripped(await nowhere.Content.ReadAsStringAsync(Cancel), "acc_999999"), Stripped(await other.Content.ReadAsStringAsync(Cancel), "acc_000102"));

        var balance = await api.GetFromJsonAsync<JsonElement>("/v1/accounts/acc_000101/balance", Cancel);
        Assert.Equal("KES", balance.GetProperty("booked").GetProperty("currency").GetString());
        Assert.Matches(@"^-?\d+\.\d{2}$", balance.GetProperty("booked").GetProperty("amount").GetString());

        var transactions = await api.GetFromJsonAsync<JsonElement>("/v1/accounts/acc_000101/transactions?limit=10", Cancel);
        Assert.Equal(10, transactions.GetProperty("data").GetArrayLength());
        Assert.StartsWith("https://", transactions.GetProperty("links").GetProperty("next").GetString());

        await using var db = platform.BankDb();
        var consent = await db.Consents.Include(c => c.Events).SingleAsync(c => c.Id == consentId, Cancel);
        Assert.Equal(["acc_000101"], consent.AccountIds);
        Assert.Equal("Budget Buddy", consent.AppName);
        Assert.Equal(["created", "authorised"], consent.Events.OrderBy(e => e.Id).Select(e => e.Type));
        Assert.Equal($"customer:{ConsentJourneyCustomers.Amina}", consent.Events.OrderBy(e => e.Id).Last().Actor);
    }

    [Fact]
    public async Task The_consent_screen_names_the_app_the_permissions_the_expiry_and_the_customers_accounts()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var expiresAt = new DateTimeOffset(2027, 3, 31, 0, 0, 0, TimeSpan.Zero);
        var consentId = await _journey.CreateConsentAsync(app, ["ReadAccounts", "ReadBalances"], expiresAt);
        using var browser = new Browser(platform);
        using var signedIn = await _journey.Journeys.SignInAsync(browser, ConsentJourney.Customer());

        using var screen = await browser.FollowAsync(_journey.AuthorizeUrl(app, consentId, Pkce.New()));
        var html = await screen.Content.ReadAsStringAsync(Cancel);

        Assert.Contains("Budget Buddy", html);
        Assert.Contains("Your account details", html);
        Assert.Contains("Your account balances", html);
        Assert.DoesNotContain("Your transactions", html);
        Assert.Contains("31 March 2027", html);
        Assert.Contains("data-testid=\"account-acc_000101\"", html);
        Assert.Contains("data-testid=\"account-acc_000102\"", html);
        // Another customer's account is never offered.
        Assert.DoesNotContain("acc_000201", html);
    }

    [Fact]
    public async Task Allowing_without_picking_an_account_shows_the_screen_again_and_changes_nothing()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        using var browser = new Browser(platform);
        using var signedIn = await _journey.Journeys.SignInAsync(browser, ConsentJourney.Customer());
        using var screen = await browser.FollowAsync(_journey.AuthorizeUrl(app, consentId, Pkce.New()));
        var page = screen.RequestMessage!.RequestUri!;

        using var answer = await browser.SubmitAsync(page, await screen.Content.ReadAsStringAsync(Cancel),
            new Dictionary<string, string> { ["decision"] = "allow" }, "/connect/authorize/decision");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Choose at least one account", await answer.Content.ReadAsStringAsync(Cancel));
        await using var db = platform.BankDb();
        Assert.Equal("AwaitingAuthorisation", (await db.Consents.SingleAsync(c => c.Id == consentId, Cancel)).Status);
    }

    [Fact]
    public async Task Smuggling_another_customers_account_into_the_answer_is_refused_and_changes_nothing()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        using var browser = new Browser(platform);
        using var signedIn = await _journey.Journeys.SignInAsync(browser, ConsentJourney.Customer());
        using var screen = await browser.FollowAsync(_journey.AuthorizeUrl(app, consentId, Pkce.New()));

        using var answer = await browser.SubmitAsync(screen.RequestMessage!.RequestUri!, await screen.Content.ReadAsStringAsync(Cancel),
            new Dictionary<string, string> { ["decision"] = "allow" }, "/connect/authorize/decision",
            [new("account", "acc_000101"), new("account", "acc_000201")]);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("acc_000201", await answer.Content.ReadAsStringAsync(Cancel));
        await using var db = platform.BankDb();
        Assert.Equal("AwaitingAuthorisation", (await db.Consents.SingleAsync(c => c.Id == consentId, Cancel)).Status);
    }

    [Fact]
    public async Task A_customer_who_declines_is_sent_back_with_access_denied_and_the_state_and_the_consent_is_rejected()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        using var browser = new Browser(platform);

        var callback = await _journey.Journeys.AuthorizeAsync(browser, ConsentJourney.Customer(),
            _journey.AuthorizeUrl(app, consentId, Pkce.New(), state: "xyz-42"), consent: false);

        Assert.StartsWith(app.RedirectUri, callback.AbsoluteUri);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal("xyz-42", query["state"].ToString());
        await using var db = platform.BankDb();
        var consent = await db.Consents.Include(c => c.Events).SingleAsync(c => c.Id == consentId, Cancel);
        Assert.Equal("Rejected", consent.Status);
        Assert.Equal("rejected", consent.Events.OrderBy(e => e.Id).Last().Type);
    }

    [Fact]
    public async Task A_customer_who_cancels_at_the_login_page_is_sent_back_with_access_denied_and_the_state()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        using var browser = new Browser(platform);
        using var login = await browser.FollowAsync(_journey.AuthorizeUrl(app, consentId, Pkce.New(), state: "cancel-7"));
        var html = await login.Content.ReadAsStringAsync(Cancel);
        Assert.Equal("/account/login", login.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("data-testid=\"cancel-to-app\"", html);

        using var cancelled = await browser.GetAsync(new Uri(_journey.Journeys.Auth, "connect/authorize/cancel").AbsoluteUri);

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var back = cancelled.Headers.Location!;
        Assert.StartsWith(app.RedirectUri, back.AbsoluteUri);
        var query = QueryHelpers.ParseQuery(back.Query);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal("cancel-7", query["state"].ToString());
    }

    [Fact]
    public async Task A_customer_whose_consent_screen_times_out_is_sent_back_with_access_denied_and_the_state()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        using var browser = new Browser(platform);
        using var signedIn = await _journey.Journeys.SignInAsync(browser, ConsentJourney.Customer());
        using var screen = await browser.FollowAsync(_journey.AuthorizeUrl(app, consentId, Pkce.New(), state: "late-3"));

        // What the screen's timer posts when it runs out.
        using var timedOut = await browser.SubmitAsync(screen.RequestMessage!.RequestUri!, await screen.Content.ReadAsStringAsync(Cancel),
            new Dictionary<string, string> { ["decision"] = "timeout" }, "/connect/authorize/decision");

        Assert.Equal(HttpStatusCode.Redirect, timedOut.StatusCode);
        var query = QueryHelpers.ParseQuery(timedOut.Headers.Location!.Query);
        Assert.StartsWith(app.RedirectUri, timedOut.Headers.Location!.AbsoluteUri);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal("late-3", query["state"].ToString());
    }

    [Fact]
    public async Task A_request_for_account_data_without_a_consent_goes_back_to_the_app_as_invalid_request()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        using var browser = new Browser(platform);

        var callback = await _journey.Journeys.AuthorizeAsync(browser, ConsentJourney.Customer(),
            _journey.Journeys.AuthorizeUrl(app.ClientId, app.RedirectUri, ConsentJourney.DataScopes, Pkce.New(), "s-1"));

        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("invalid_request", query["error"].ToString());
        Assert.Contains("consent_id", query["error_description"].ToString());
        Assert.Equal("s-1", query["state"].ToString());
    }

    [Fact]
    public async Task Another_apps_consent_cannot_be_authorised()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var (_, _, other) = await _journey.NewAppAsync();
        var theirs = await _journey.CreateConsentAsync(other);
        using var browser = new Browser(platform);

        var callback = await _journey.Journeys.AuthorizeAsync(browser, ConsentJourney.Customer(), _journey.AuthorizeUrl(app, theirs, Pkce.New()));

        Assert.Equal("invalid_request", QueryHelpers.ParseQuery(callback.Query)["error"].ToString());
        await using var db = platform.BankDb();
        Assert.Equal("AwaitingAuthorisation", (await db.Consents.SingleAsync(c => c.Id == theirs, Cancel)).Status);
    }

    [Fact]
    public async Task A_consent_cannot_be_authorised_twice()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        await _journey.AuthoriseAsync(app, consentId, ConsentJourney.Customer(), "acc_000101");
        using var browser = new Browser(platform);

        // Another customer tries to authorise the same consent.
        var callback = await _journey.Journeys.AuthorizeAsync(browser, ConsentJourney.Customer(1), _journey.AuthorizeUrl(app, consentId, Pkce.New()),
            consent: true, ["acc_000201"]);

        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("invalid_request", query["error"].ToString());
        Assert.Contains("Authorised", query["error_description"].ToString());
        await using var db = platform.BankDb();
        Assert.Equal(ConsentJourneyCustomers.Amina, (await db.Consents.SingleAsync(c => c.Id == consentId, Cancel)).CustomerSubject);
    }

    [Fact]
    public async Task A_refreshed_token_still_carries_the_consent()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        var tokens = await _journey.AuthoriseAsync(app, consentId, ConsentJourney.Customer(), "acc_000101", "acc_000102");

        using var refreshed = await _journey.Journeys.TokenAsync(app.ClientId, app.ClientSecret,
            new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()! });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var accessToken = (await refreshed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!;
        Assert.Equal(consentId, Jwt.Payload(accessToken).GetProperty("consent_id").GetString());
        using var api = _journey.Api(accessToken);
        Assert.Equal(2, (await api.GetFromJsonAsync<JsonElement>("/v1/accounts", Cancel)).GetProperty("data").GetArrayLength());
    }

    private static string Stripped(string problem, string id)
    {
        using var json = JsonDocument.Parse(problem);
        // Everything but what differs per request: its trace and interaction ids.
        return string.Join("|", json.RootElement.EnumerateObject().Where(p => p.Name is not ("traceId" or "interactionId"))
            .Select(p => $"{p.Name}={p.Value.ToString().Replace(id, "<id>", StringComparison.Ordinal)}"));
    }

}

internal static class ConsentJourneyCustomers
{
    public const string Amina = "3b0f6a52-5c1e-4b8e-9a51-000000000001";
}
