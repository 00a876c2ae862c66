using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wekeza.IntegrationTests.Identity;

/// <summary>Auth's apps API: each developer's apps are theirs alone, and every change is what it says.</summary>
public sealed class AppsApiTests(PlatformFixture platform)
{
    private readonly Journeys _journeys = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_developer_can_neither_see_nor_change_another_developers_app()
    {
        var (_, ownerToken, app) = await _journeys.NewAppAsync("accounts.read");
        var other = await _journeys.NewVerifiedDeveloperAsync();
        using var stranger = _journeys.AppsApi((await _journeys.PortalTokensAsync(other)).GetProperty("access_token").GetString()!);

        using var read = await stranger.GetAsync($"/v1/apps/{app.Id}", Cancel);
        using var patch = await stranger.PatchAsJsonAsync($"/v1/apps/{app.Id}", new { name = "Hijacked" }, Cancel);
        using var rotate = await stranger.PostAsync($"/v1/apps/{app.Id}/secret", null, Cancel);
        using var delete = await stranger.DeleteAsync($"/v1/apps/{app.Id}", Cancel);
        var list = await stranger.GetFromJsonAsync<JsonElement>("/v1/apps", Cancel);

        Assert.All(new[] { read, patch, rotate, delete }, response =>
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        });
        Assert.Empty(list.GetProperty("data").EnumerateArray());

        using var owner = _journeys.AppsApi(ownerToken);
        var unchanged = await owner.GetFromJsonAsync<JsonElement>($"/v1/apps/{app.Id}", Cancel);
        Assert.Equal("Budget Buddy", unchanged.GetProperty("name").GetString());
        using var stillWorks = await _journeys.TokenAsync(app.ClientId, app.ClientSecret, new() { ["grant_type"] = "client_credentials" });
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Fact]
    public async Task Rotating_the_secret_stops_the_old_one_at_once_and_the_new_one_works()
    {
        var (_, token, app) = await _journeys.NewAppAsync("accounts.read");
        using var apps = _journeys.AppsApi(token);

        using var rotated = await apps.PostAsync($"/v1/apps/{app.Id}/secret", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(app.ClientSecret, newSecret);

        using var old = await _journeys.TokenAsync(app.ClientId, app.ClientSecret, new() { ["grant_type"] = "client_credentials" });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var fresh = await _journeys.TokenAsync(app.ClientId, newSecret, new() { ["grant_type"] = "client_credentials" });
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, (await apps.GetFromJsonAsync<JsonElement>($"/v1/apps/{app.Id}", Cancel)).GetProperty("secretRotatedAt").ValueKind);
    }

    [Fact]
    public async Task Editing_redirect_uris_changes_where_the_code_may_go_exactly()
    {
        var (_, token, app) = await _journeys.NewAppAsync("accounts.read");
        using var apps = _journeys.AppsApi(token);

        using var updated = await apps.PatchAsJsonAsync($"/v1/apps/{app.Id}", new { redirectUris = new[] { "https://new.example/cb" } }, Cancel);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var body = await updated.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(["https://new.example/cb"], body.GetProperty("redirectUris").EnumerateArray().Select(e => e.GetString()));
        using var browser = new Browser(platform);
        using var oldUri = await browser.GetAsync(_journeys.AuthorizeUrl(app.ClientId, app.RedirectUri, "openid accounts.read", Pkce.New()));
        Assert.Equal(HttpStatusCode.BadRequest, oldUri.StatusCode);
    }

    [Fact]
    public async Task Deleting_an_app_removes_its_client()
    {
        var (_, token, app) = await _journeys.NewAppAsync("accounts.read");
        using var apps = _journeys.AppsApi(token);

        using var deleted = await apps.DeleteAsync($"/v1/apps/{app.Id}", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var read = await apps.GetAsync($"/v1/apps/{app.Id}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        using var grant = await _journeys.TokenAsync(app.ClientId, app.ClientSecret, new() { ["grant_type"] = "client_credentials" });
        Assert.Equal("invalid_client", await AuthorizationCodeTests.OAuthError(grant));
    }

    [Fact]
    public async Task Invalid_input_gets_422_with_every_field_named_and_creates_nothing()
    {
        var (_, token, _) = await _journeys.NewAppAsync("accounts.read");
        using var apps = _journeys.AppsApi(token);

        using var response = await apps.PostAsJsonAsync("/v1/apps", new
        {
            name = "x",
            redirectUris = new[] { "http://example.com/cb", "https://ok.example/cb#frag" },
            scopes = new[] { "accounts.read", "apps.manage" },
        }, Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("redirectUris[0]", out _));
        Assert.True(errors.TryGetProperty("redirectUris[1]", out _));
        Assert.True(errors.TryGetProperty("scopes", out _));
        Assert.Single((await apps.GetFromJsonAsync<JsonElement>("/v1/apps", Cancel)).GetProperty("data").EnumerateArray());
    }

    [Theory]
    [InlineData("{\"name\": \"Budget Buddy\", ")]
    [InlineData("{\"name\": 42, \"redirectUris\": \"https://a.example/cb\", \"scopes\": [\"accounts.read\"]}")]
    public async Task A_body_that_cannot_be_read_is_400_problem_json_and_creates_nothing(string body)
    {
        var (_, token, _) = await _journeys.NewAppAsync("accounts.read");
        using var apps = _journeys.AppsApi(token);

        using var response = await apps.PostAsync("/v1/apps", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invalid_request", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Single((await apps.GetFromJsonAsync<JsonElement>("/v1/apps", Cancel)).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task An_update_with_nothing_or_a_bad_field_is_422_and_the_app_is_unchanged()
    {
        var (_, token, app) = await _journeys.NewAppAsync("accounts.read");
        using var apps = _journeys.AppsApi(token);

        using var empty = await apps.PatchAsJsonAsync($"/v1/apps/{app.Id}", new { }, Cancel);
        using var badName = await apps.PatchAsJsonAsync($"/v1/apps/{app.Id}", new { name = new string('x', 81), redirectUris = new[] { "https://new.example/cb" } }, Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badName.StatusCode);
        Assert.True((await badName.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").TryGetProperty("name", out _));
        var unchanged = await apps.GetFromJsonAsync<JsonElement>($"/v1/apps/{app.Id}", Cancel);
        Assert.Equal("Budget Buddy", unchanged.GetProperty("name").GetString());
        Assert.Equal([app.RedirectUri], unchanged.GetProperty("redirectUris").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Without_a_developer_token_the_apps_api_answers_401_problem_json()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read");
        using var issued = await _journeys.TokenAsync(app.ClientId, app.ClientSecret, new() { ["grant_type"] = "client_credentials", ["scope"] = "accounts.read" });
        var apiToken = (await issued.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString();

        using var anonymous = platform.CreateClient("auth");
        using var noToken = await anonymous.GetAsync("/v1/apps", Cancel);
        using var wrongAudience = _journeys.AppsApi(apiToken!);
        using var apiTokenResponse = await wrongAudience.GetAsync("/v1/apps", Cancel);

        foreach (var response in new[] { noToken, apiTokenResponse })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        }
    }
}
