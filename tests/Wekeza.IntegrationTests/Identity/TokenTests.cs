using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wekeza.IntegrationTests.Identity;

/// <summary>What the token, revocation and introspection endpoints do with good and bad tokens and credentials.</summary>
public sealed class TokenTests(PlatformFixture platform)
{
    private readonly Journeys _journeys = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_tokens_rotate_and_reusing_an_old_one_revokes_the_whole_chain()
    {
        var developer = await _journeys.NewVerifiedDeveloperAsync();
        var tokens = await _journeys.PortalTokensAsync(developer);
        var original = tokens.GetProperty("refresh_token").GetString()!;

        using var refreshed = await Refresh(original);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var rotated = (await refreshed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(original, rotated);

        // The stolen copy of the first refresh token is presented again: refused, and the legitimate chain dies too.
        using var reused = await Refresh(original);
        Assert.Equal("invalid_grant", await AuthorizationCodeTests.OAuthError(reused));
        using var afterTheft = await Refresh(rotated);
        Assert.Equal("invalid_grant", await AuthorizationCodeTests.OAuthError(afterTheft));
    }

    [Fact]
    public async Task Access_tokens_are_short_lived_jwts_for_the_right_audience_carrying_the_role()
    {
        var developer = await _journeys.NewVerifiedDeveloperAsync();
        var tokens = await _journeys.PortalTokensAsync(developer);

        var claims = Jwt.Payload(tokens.GetProperty("access_token").GetString()!);
        var lifetime = claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64();
        Assert.InRange(lifetime, 5 * 60, 10 * 60);
        Assert.Equal("wekeza-auth", claims.GetProperty("aud").GetString());
        Assert.Equal("developer", claims.GetProperty("role").GetString());
        var identity = Jwt.Payload(tokens.GetProperty("id_token").GetString()!);
        Assert.Equal(developer.Email, identity.GetProperty("email").GetString());
        Assert.Equal("developer", identity.GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_revoked_refresh_token_no_longer_works_and_introspection_says_inactive()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read");
        var developer = await _journeys.NewVerifiedDeveloperAsync();
        var tokens = await _journeys.PortalTokensAsync(developer);
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        using var introspected = await Introspect(app, refreshToken);
        Assert.False((await introspected.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("active").GetBoolean(),
            "another client learns nothing about a token that is not its own");

        using var http = platform.CreateClient("auth");
        var revoke = Journeys.TokenRequest(Journeys.PortalClientId, _journeys.PortalClientSecret, new() { ["token"] = refreshToken, ["token_type_hint"] = "refresh_token" });
        revoke.RequestUri = new Uri("/connect/revoke", UriKind.Relative);
        using var revoked = await http.SendAsync(revoke, Cancel);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        using var refresh = await Refresh(refreshToken);
        Assert.Equal("invalid_grant", await AuthorizationCodeTests.OAuthError(refresh));
    }

    [Fact]
    public async Task Introspection_describes_an_apps_own_active_token_and_then_its_revocation()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read");
        using var issued = await _journeys.TokenAsync(app.ClientId, app.ClientSecret, new() { ["grant_type"] = "client_credentials", ["scope"] = "accounts.read" });
        var accessToken = (await issued.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!;

        var active = await (await Introspect(app, accessToken)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(active.GetProperty("active").GetBoolean(), active.ToString());
        // The presenting client learns whose token it is; the scope and audience details are for the token's audience.
        Assert.Equal(app.ClientId, active.GetProperty("sub").GetString());

        using var http = platform.CreateClient("auth");
        var revoke = Journeys.TokenRequest(app.ClientId, app.ClientSecret, new() { ["token"] = accessToken });
        revoke.RequestUri = new Uri("/connect/revoke", UriKind.Relative);
        (await http.SendAsync(revoke, Cancel)).Dispose();

        var inactive = await (await Introspect(app, accessToken)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.False(inactive.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_wrong_secret_and_an_unknown_client_are_invalid_client_and_issue_nothing()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read");

        using var wrongSecret = await _journeys.TokenAsync(app.ClientId, app.ClientSecret + "x", new() { ["grant_type"] = "client_credentials" });
        using var unknown = await _journeys.TokenAsync("sbx_00000000000000000000000000000000", app.ClientSecret, new() { ["grant_type"] = "client_credentials" });

        foreach (var response in new[] { wrongSecret, unknown })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("invalid_client", await AuthorizationCodeTests.OAuthError(response));
        }
    }

    [Fact]
    public async Task The_api_refuses_a_tampered_token_with_problem_json_and_a_bearer_challenge()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read");
        using var issued = await _journeys.TokenAsync(app.ClientId, app.ClientSecret, new() { ["grant_type"] = "client_credentials", ["scope"] = "accounts.read" });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!;
        var parts = token.Split('.');
        // Same signature, a payload that claims more: the signature no longer matches.
        var forged = parts[0] + "." + parts[1][..^4] + (parts[1][^4..] == "AAAA" ? "BBBB" : "AAAA") + "." + parts[2];

        using var api = platform.CreateClient("api");
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        using var response = await api.GetAsync("/v1/accounts", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer" && challenge.Parameter!.Contains("invalid_token"));
    }

    [Fact]
    public async Task A_portal_token_for_auths_audience_is_refused_by_the_api()
    {
        var developer = await _journeys.NewVerifiedDeveloperAsync();
        var tokens = await _journeys.PortalTokensAsync(developer);

        using var api = platform.CreateClient("api");
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var response = await api.GetAsync("/v1/accounts", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<HttpResponseMessage> Refresh(string refreshToken) => _journeys.TokenAsync(Journeys.PortalClientId, _journeys.PortalClientSecret,
        new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    private async Task<HttpResponseMessage> Introspect(Journeys.CreatedApp app, string token)
    {
        using var http = platform.CreateClient("auth");
        var request = Journeys.TokenRequest(app.ClientId, app.ClientSecret, new() { ["token"] = token });
        request.RequestUri = new Uri("/connect/introspect", UriKind.Relative);
        return await http.SendAsync(request, Cancel);
    }
}
