using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Wekeza.IntegrationTests.Identity;
using Wekeza.ServiceDefaults.Sandbox;

namespace Wekeza.IntegrationTests.Consents;

/// <summary>
/// The open-banking journey as an app and a customer go through it: the app creates a consent with its own token,
/// sends the customer to the bank with the consent's id, the customer signs in, picks accounts and decides, and the
/// app redeems the code for tokens bound to the consent.
/// </summary>
public sealed class ConsentJourney(PlatformFixture platform)
{
    public const string DataScopes = "openid offline_access accounts.read transactions.read";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public Journeys Journeys { get; } = new(platform);

    public static Person Customer(int index = 0) =>
        new(TestCustomers.All[index].Email, TestCustomers.Password, TestCustomers.All[index].Name);

    public static readonly string[] AllPermissions = ["ReadAccounts", "ReadBalances", "ReadTransactions"];

    public Task<(Person Developer, string AccessToken, Journeys.CreatedApp App)> NewAppAsync() =>
        Journeys.NewAppAsync("accounts.read", "transactions.read", "payments.write");

    /// <summary>The API as the app itself calls it (client credentials).</summary>
    public async Task<HttpClient> AppApiAsync(Journeys.CreatedApp app)
    {
        using var response = await Journeys.TokenAsync(app.ClientId, app.ClientSecret,
            new() { ["grant_type"] = "client_credentials", ["scope"] = "accounts.read" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Api((await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!);
    }

    public HttpClient Api(string accessToken)
    {
        var http = platform.CreateClient("api");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }

    public async Task<string> CreateConsentAsync(Journeys.CreatedApp app, string[]? permissions = null, DateTimeOffset? expiresAt = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        using var api = await AppApiAsync(app);
        using var created = await api.PostAsJsonAsync("/v1/consents", new
        {
            permissions = permissions ?? AllPermissions,
            expiresAt = expiresAt ?? DateTimeOffset.UtcNow.AddDays(90),
            transactionFromDateTime = from,
            transactionToDateTime = to,
        }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("consentId").GetString()!;
    }

    public string AuthorizeUrl(Journeys.CreatedApp app, string consentId, Pkce pkce, string state = "state-1", string scope = DataScopes) =>
        Journeys.AuthorizeUrl(app.ClientId, app.RedirectUri, scope, pkce, state, new Dictionary<string, string?> { ["consent_id"] = consentId });

    /// <summary>The whole journey; returns the token response (access and refresh tokens).</summary>
    public async Task<JsonElement> AuthoriseAsync(Journeys.CreatedApp app, string consentId, Person customer, params string[] accounts)
    {
        using var browser = new Browser(platform);
        var pkce = Pkce.New();
        var callback = await Journeys.AuthorizeAsync(browser, customer, AuthorizeUrl(app, consentId, pkce), consent: true, accounts);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.True(query.ContainsKey("code"), $"No code in {callback}");
        using var response = await Journeys.RedeemCodeAsync(app.ClientId, app.ClientSecret, query["code"].ToString(), app.RedirectUri, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }
}
