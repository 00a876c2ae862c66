using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Wekeza.Consents;
using Wekeza.IntegrationTests.Identity;

namespace Wekeza.IntegrationTests.Consents;

/// <summary>
/// A consent belongs to one app and one customer: the customer sees and revokes their own (My consents), nobody else
/// can read, decide or revoke it, administrators can look it up, and only auth may record a customer's decision.
/// </summary>
public sealed class ConsentOwnershipTests(PlatformFixture platform)
{
    private const string CustomerScopes = "openid profile roles offline_access consents.manage";

    private readonly ConsentJourney _journey = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_sees_their_consent_with_its_accounts_and_history_and_revokes_it()
    {
        var consentId = await AuthorisedConsentAsync();
        using var amina = await PortalApiAsync(ConsentJourney.Customer());

        var list = await amina.GetFromJsonAsync<JsonElement>("/v1/me/consents", Cancel);
        var listed = list.GetProperty("data").EnumerateArray().Single(c => c.GetProperty("consentId").GetString() == consentId);
        Assert.Equal("Budget Buddy", listed.GetProperty("appName").GetString());
        var account = Assert.Single(listed.GetProperty("accounts").EnumerateArray());
        Assert.Equal("acc_000101", account.GetProperty("accountId").GetString());
        Assert.StartsWith("•••• ", account.GetProperty("maskedNumber").GetString());

        var detail = await amina.GetFromJsonAsync<JsonElement>($"/v1/me/consents/{consentId}", Cancel);
        Assert.Equal(["created", "authorised"], detail.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));

        using var revoked = await amina.DeleteAsync($"/v1/me/consents/{consentId}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var after = await amina.GetFromJsonAsync<JsonElement>($"/v1/me/consents/{consentId}", Cancel);
        Assert.Equal("Revoked", after.GetProperty("status").GetString());
        Assert.Equal($"customer:{ConsentJourneyCustomers.Amina}", after.GetProperty("events").EnumerateArray().Last().GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Another_customer_can_neither_read_nor_revoke_it_and_it_stays_authorised()
    {
        var consentId = await AuthorisedConsentAsync();
        using var brian = await PortalApiAsync(ConsentJourney.Customer(1));

        using var read = await brian.GetAsync($"/v1/me/consents/{consentId}", Cancel);
        using var revoke = await brian.DeleteAsync($"/v1/me/consents/{consentId}", Cancel);

        Assert.Equal("consent_not_found", await CodeAsync(read, HttpStatusCode.NotFound));
        Assert.Equal("consent_not_found", await CodeAsync(revoke, HttpStatusCode.NotFound));
        Assert.DoesNotContain(consentId, await brian.GetStringAsync("/v1/me/consents", Cancel));
        await using var db = platform.BankDb();
        Assert.Equal(ConsentStatuses.Authorised, (await db.Consents.SingleAsync(c => c.Id == consentId, Cancel)).Status);
    }

    [Fact]
    public async Task The_portals_token_reads_my_consents_but_not_accounts_and_an_apps_token_cannot_manage_consents()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        var tokens = await _journey.AuthoriseAsync(app, consentId, ConsentJourney.Customer(), "acc_000101");
        using var appForCustomer = _journey.Api(tokens.GetProperty("access_token").GetString()!);
        using var portal = await PortalApiAsync(ConsentJourney.Customer());

        using var accounts = await portal.GetAsync("/v1/accounts", Cancel);
        using var mine = await appForCustomer.GetAsync("/v1/me/consents", Cancel);
        using var revoke = await appForCustomer.DeleteAsync($"/v1/me/consents/{consentId}", Cancel);

        Assert.Equal("forbidden", await CodeAsync(accounts, HttpStatusCode.Forbidden));
        Assert.Equal("forbidden", await CodeAsync(mine, HttpStatusCode.Forbidden));
        Assert.Equal("forbidden", await CodeAsync(revoke, HttpStatusCode.Forbidden));
        Assert.Equal(HttpStatusCode.OK, (await appForCustomer.GetAsync("/v1/accounts", Cancel)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_looks_up_any_consent_with_its_audit_trail_and_a_customer_may_not()
    {
        var consentId = await AuthorisedConsentAsync();
        using var admin = await PortalApiAsync(new Person("admin@wekeza.local", "Kilimanjaro-Sunrise-2026", "Platform administrator"));
        using var amina = await PortalApiAsync(ConsentJourney.Customer());

        var found = await admin.GetFromJsonAsync<JsonElement>($"/v1/admin/consents?consentId={consentId}", Cancel);
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/v1/admin/consents/{consentId}", Cancel);
        using var nothingToSearch = await admin.GetAsync("/v1/admin/consents", Cancel);
        using var notAdmin = await amina.GetAsync($"/v1/admin/consents?consentId={consentId}", Cancel);
        using var unknown = await admin.GetAsync("/v1/admin/consents/cns_00000000000000000000000000000000", Cancel);

        Assert.Equal(consentId, Assert.Single(found.GetProperty("data").EnumerateArray()).GetProperty("consentId").GetString());
        Assert.Equal(ConsentJourneyCustomers.Amina, detail.GetProperty("customerSubject").GetString());
        Assert.All(detail.GetProperty("events").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("address").GetString())));
        Assert.Equal("validation_failed", await CodeAsync(nothingToSearch, HttpStatusCode.UnprocessableEntity));
        Assert.Equal("admin_required", await CodeAsync(notAdmin, HttpStatusCode.Forbidden));
        Assert.Equal("consent_not_found", await CodeAsync(unknown, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Only_auth_may_record_a_decision_and_what_it_sends_wrong_is_refused_without_a_change()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        var decision = new { customerSubject = ConsentJourneyCustomers.Amina, accountIds = new[] { "acc_000101" }, appName = "Budget Buddy", authorizationId = "x" };
        using var appItself = await _journey.AppApiAsync(app);
        using var auth = await AuthServiceApiAsync();

        using var byApp = await appItself.PostAsJsonAsync($"/internal/consents/{consentId}/authorisation", decision, Cancel);
        using var emptyBody = await auth.PostAsJsonAsync($"/internal/consents/{consentId}/authorisation", new { }, Cancel);
        using var foreignAccount = await auth.PostAsJsonAsync($"/internal/consents/{consentId}/authorisation",
            decision with { accountIds = ["acc_000201"] }, Cancel);
        using var unknownConsent = await auth.PostAsJsonAsync("/internal/consents/cns_00000000000000000000000000000000/authorisation", decision, Cancel);

        Assert.Equal("forbidden", await CodeAsync(byApp, HttpStatusCode.Forbidden));
        Assert.Equal("validation_failed", await CodeAsync(emptyBody, HttpStatusCode.UnprocessableEntity));
        var foreign = await foreignAccount.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreignAccount.StatusCode);
        Assert.Contains("acc_000201", foreign.GetProperty("errors").GetProperty("accountIds")[0].GetString());
        Assert.Equal("consent_not_found", await CodeAsync(unknownConsent, HttpStatusCode.NotFound));
        await using var db = platform.BankDb();
        var consent = await db.Consents.Include(c => c.Events).SingleAsync(c => c.Id == consentId, Cancel);
        Assert.Equal(ConsentStatuses.AwaitingAuthorisation, consent.Status);
        Assert.Equal(["created"], consent.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task A_consent_id_on_a_request_that_reads_no_customer_data_is_refused()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        using var browser = new Browser(platform);

        var callback = await _journey.Journeys.AuthorizeAsync(browser, ConsentJourney.Customer(),
            _journey.AuthorizeUrl(app, consentId, Pkce.New(), scope: "openid profile"));

        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("invalid_request", query["error"].ToString());
        Assert.Contains("consent_id", query["error_description"].ToString());
    }

    private async Task<string> AuthorisedConsentAsync()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        await _journey.AuthoriseAsync(app, consentId, ConsentJourney.Customer(), "acc_000101");
        return consentId;
    }

    /// <summary>The API as the portal calls it for this person (the portal's client, scope consents.manage).</summary>
    private async Task<HttpClient> PortalApiAsync(Person person) =>
        _journey.Api((await _journey.Journeys.PortalTokensAsync(person, CustomerScopes)).GetProperty("access_token").GetString()!);

    /// <summary>The API as auth's consent screen calls it: auth's own service client.</summary>
    private async Task<HttpClient> AuthServiceApiAsync()
    {
        var secrets = JsonSerializer.Deserialize<Dictionary<string, string>>(
            await File.ReadAllTextAsync(Path.Combine(platform.DataDirectory, "secrets.json"), Cancel))!;
        using var response = await _journey.Journeys.TokenAsync("wekeza-auth", secrets["auth-service-client-secret"],
            new() { ["grant_type"] = "client_credentials", ["scope"] = "consents.authorise" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return _journey.Api((await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString();
    }
}
