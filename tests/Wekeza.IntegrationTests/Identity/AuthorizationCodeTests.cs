using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Wekeza.IntegrationTests.Consents;

namespace Wekeza.IntegrationTests.Identity;

/// <summary>Authorization code with PKCE for a developer's app, through the real login and consent pages.</summary>
public sealed class AuthorizationCodeTests(PlatformFixture platform)
{
    private readonly Journeys _journeys = new(platform);
    private readonly ConsentJourney _consents = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_customer_consents_and_the_app_gets_a_token_the_api_accepts_for_exactly_the_granted_scope()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read");
        var consentId = await _consents.CreateConsentAsync(app, ["ReadAccounts"]);
        using var browser = new Browser(platform);
        var pkce = Pkce.New();

        var callback = await _journeys.AuthorizeAsync(browser, ConsentJourney.Customer(),
            _consents.AuthorizeUrl(app, consentId, pkce, scope: "openid accounts.read offline_access"), accounts: ["acc_000101"]);

        Assert.StartsWith(app.RedirectUri, callback.AbsoluteUri);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("state-1", query["state"]);
        Assert.Equal(_journeys.Auth.AbsoluteUri, query["iss"]);
        using var redeemed = await _journeys.RedeemCodeAsync(app.ClientId, app.ClientSecret, query["code"]!, app.RedirectUri, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        var tokens = await redeemed.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var claims = Jwt.Payload(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal("wekeza-api", claims.GetProperty("aud").GetString());
        Assert.Equal("openid accounts.read offline_access", claims.GetProperty("scope").GetString());
        Assert.True(tokens.TryGetProperty("refresh_token", out _));

        using var api = platform.CreateClient("api");
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var response = await api.GetAsync("/v1/accounts", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_consent_screen_names_the_app_and_the_access_in_plain_words()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read", "transactions.read");
        var customer = await _journeys.NewVerifiedDeveloperAsync();
        using var browser = new Browser(platform);
        using var signedIn = await _journeys.SignInAsync(browser, customer);

        using var consent = await browser.FollowAsync(_journeys.AuthorizeUrl(app.ClientId, app.RedirectUri, "openid profile email", Pkce.New()));

        var html = await consent.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Allow Budget Buddy access?", html);
        Assert.Contains("Your name", html);
        Assert.Contains("Your email address", html);
        Assert.DoesNotContain("Initiate payments", html);
    }

    [Fact]
    public async Task A_customer_who_denies_sends_the_app_access_denied_and_no_code()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read");
        var customer = await _journeys.NewVerifiedDeveloperAsync();
        using var browser = new Browser(platform);

        var callback = await _journeys.AuthorizeAsync(browser, customer,
            _journeys.AuthorizeUrl(app.ClientId, app.RedirectUri, "openid profile", Pkce.New()), consent: false);

        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("access_denied", query["error"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task A_request_without_pkce_or_with_plain_pkce_is_refused_on_an_error_page_and_goes_nowhere()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read");
        using var browser = new Browser(platform);

        using var withoutPkce = await browser.GetAsync(_journeys.AuthorizeUrl(app.ClientId, app.RedirectUri, "openid accounts.read", pkce: null));
        var plainUrl = _journeys.AuthorizeUrl(app.ClientId, app.RedirectUri, "openid accounts.read", pkce: null,
            extra: new Dictionary<string, string?> { ["code_challenge"] = new string('a', 43), ["code_challenge_method"] = "plain" });
        using var plain = await browser.GetAsync(plainUrl);

        // OpenIddict checks PKCE before it trusts the redirect URI, so the error is shown, not sent (RFC 6749 §4.1.2.1).
        foreach (var response in new[] { withoutPkce, plain })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
            var html = await response.Content.ReadAsStringAsync(Cancel);
            Assert.Contains("This sign-in request cannot continue", html);
            Assert.Contains("invalid_request", html);
            Assert.Contains("code_challenge", html);
        }
    }

    [Fact]
    public async Task A_wrong_verifier_and_a_replayed_code_get_invalid_grant_and_the_replay_revokes_what_the_code_gave()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read");
        var customer = await _journeys.NewVerifiedDeveloperAsync();
        using var browser = new Browser(platform);
        var pkce = Pkce.New();
        var callback = await _journeys.AuthorizeAsync(browser, customer,
            _journeys.AuthorizeUrl(app.ClientId, app.RedirectUri, "openid profile offline_access", pkce));
        var code = QueryHelpers.ParseQuery(callback.Query)["code"].ToString();

        using var wrongVerifier = await _journeys.RedeemCodeAsync(app.ClientId, app.ClientSecret, code, app.RedirectUri, Pkce.New().Verifier);
        Assert.Equal("invalid_grant", await OAuthError(wrongVerifier));

        // A fresh code, redeemed with the right verifier: it succeeds once, and only once.
        var second = await _journeys.AuthorizeAsync(browser, customer, _journeys.AuthorizeUrl(app.ClientId, app.RedirectUri, "openid profile offline_access", pkce));
        var code2 = QueryHelpers.ParseQuery(second.Query)["code"].ToString();
        using var first = await _journeys.RedeemCodeAsync(app.ClientId, app.ClientSecret, code2, app.RedirectUri, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var refreshToken = (await first.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("refresh_token").GetString()!;

        using var replay = await _journeys.RedeemCodeAsync(app.ClientId, app.ClientSecret, code2, app.RedirectUri, pkce.Verifier);
        Assert.Equal("invalid_grant", await OAuthError(replay));
        using var refresh = await _journeys.TokenAsync(app.ClientId, app.ClientSecret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });
        Assert.Equal("invalid_grant", await OAuthError(refresh));
    }

    [Fact]
    public async Task A_redirect_uri_that_is_not_registered_is_refused_without_redirecting_anywhere()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read");
        using var browser = new Browser(platform);

        using var response = await browser.GetAsync(_journeys.AuthorizeUrl(app.ClientId, app.RedirectUri + "/elsewhere", "openid accounts.read", Pkce.New()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("redirect_uri", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_scope_the_app_was_not_granted_is_invalid_scope_at_both_endpoints()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read");
        using var browser = new Browser(platform);

        using var authorize = await browser.GetAsync(_journeys.AuthorizeUrl(app.ClientId, app.RedirectUri, "openid payments.write", Pkce.New()));
        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
        Assert.Contains("<code>invalid_scope</code>", await authorize.Content.ReadAsStringAsync(Cancel));

        using var token = await _journeys.TokenAsync(app.ClientId, app.ClientSecret, new() { ["grant_type"] = "client_credentials", ["scope"] = "payments.write" });
        Assert.Equal("invalid_scope", await OAuthError(token));
    }

    [Fact]
    public async Task A_pushed_authorization_request_is_honoured_by_reference_with_its_consent()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read");
        var consentId = await _consents.CreateConsentAsync(app, ["ReadAccounts"]);
        var pkce = Pkce.New();
        using var http = platform.CreateClient("auth");
        var push = Journeys.TokenRequest(app.ClientId, app.ClientSecret, new()
        {
            ["response_type"] = "code", ["redirect_uri"] = app.RedirectUri, ["scope"] = "openid accounts.read",
            ["state"] = "pushed", ["code_challenge"] = pkce.Challenge, ["code_challenge_method"] = "S256", ["consent_id"] = consentId,
        });
        push.RequestUri = new Uri("/connect/par", UriKind.Relative);
        using var pushed = await http.SendAsync(push, Cancel);
        Assert.Equal(HttpStatusCode.Created, pushed.StatusCode);
        var requestUri = (await pushed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("request_uri").GetString()!;

        using var browser = new Browser(platform);
        var url = QueryHelpers.AddQueryString(new Uri(_journeys.Auth, "connect/authorize").AbsoluteUri,
            new Dictionary<string, string?> { ["client_id"] = app.ClientId, ["request_uri"] = requestUri });
        var callback = await _journeys.AuthorizeAsync(browser, ConsentJourney.Customer(), url, accounts: ["acc_000102"]);

        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("pushed", query["state"]);
        using var redeemed = await _journeys.RedeemCodeAsync(app.ClientId, app.ClientSecret, query["code"]!, app.RedirectUri, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        var accessToken = (await redeemed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!;
        Assert.Equal(consentId, Jwt.Payload(accessToken).GetProperty("consent_id").GetString());
    }

    internal static async Task<string?> OAuthError(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error").GetString();
}
