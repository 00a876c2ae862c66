using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Wekeza.IntegrationTests.Identity;

namespace Wekeza.IntegrationTests.GoLive;

/// <summary>
/// Customer-journey steps 6–8 across auth and the API: a developer submits a sandbox app for production, the stack's
/// administrator approves it, and the app's new live_ client gets production limits and no sandbox.
/// </summary>
public sealed class GoLiveTests(PlatformFixture platform)
{
    internal static readonly Person Admin = new("admin@wekeza.local", "Kilimanjaro-Sunrise-2026", "Administrator");

    private readonly Journeys _journeys = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_submitted_app_approved_by_an_admin_gets_a_live_client_with_production_limits_and_no_sandbox()
    {
        var (developer, token, app) = await _journeys.NewAppAsync("accounts.read", "transactions.read");
        using var apps = _journeys.AppsApi(token);
        var liveRedirect = $"https://live-{Guid.NewGuid():N}.example/callback";
        await SubmitAsync(apps, app.Id, liveRedirect);

        var receipt = await _journeys.Mailbox.WaitForAsync(developer.Email, "We received your production request", Cancel);
        var review = await _journeys.Mailbox.WaitForAsync(Admin.Email, "Production request to review", Cancel);
        var requestId = Assert.Single(await ListAsync("submitted"), r => r.GetProperty("appId").GetString() == app.Id).GetProperty("id").GetString()!;
        Assert.Contains($"/admin/production-requests/{requestId}", review.TextBody, StringComparison.Ordinal);
        Assert.Contains("Budget Buddy", receipt.TextBody, StringComparison.Ordinal);

        using var admin = await AdminAsync();
        using var approve = await admin.PostAsJsonAsync($"/v1/admin/production-requests/{requestId}/approve", new { note = "Read-only, well tested." }, Cancel);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var approved = await approve.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        Assert.Equal(["draft", "submitted", "approved"], approved.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("toState").GetString()));
        var liveClientId = approved.GetProperty("productionClientId").GetString()!;
        Assert.StartsWith("live_", liveClientId, StringComparison.Ordinal);
        // The admin is never shown a secret.
        Assert.DoesNotContain("secret", await approve.Content.ReadAsStringAsync(Cancel), StringComparison.OrdinalIgnoreCase);

        var email = await _journeys.Mailbox.WaitForAsync(developer.Email, "approved for production", Cancel);
        Assert.Contains(liveClientId, email.TextBody, StringComparison.Ordinal);

        // The developer's list shows the production app beside the sandbox one; they alone generate its secret.
        var list = await apps.GetFromJsonAsync<JsonElement>("/v1/apps", Cancel);
        var live = Assert.Single(list.GetProperty("data").EnumerateArray(), a => a.GetProperty("environment").GetString() == "production");
        Assert.Equal(liveClientId, live.GetProperty("clientId").GetString());
        Assert.Equal(app.Id, live.GetProperty("sandboxAppId").GetString());
        Assert.Equal([liveRedirect], live.GetProperty("redirectUris").EnumerateArray().Select(u => u.GetString()));
        using var rotated = await apps.PostAsync($"/v1/apps/{live.GetProperty("id").GetString()}/secret", null, Cancel);
        var secret = (await rotated.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("clientSecret").GetString()!;

        using var tokenResponse = await _journeys.TokenAsync(liveClientId, secret, new() { ["grant_type"] = "client_credentials", ["scope"] = "accounts.read" });
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var liveToken = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!;
        // The sandbox app has transactions.read; the request asked for accounts.read only, so the live client has only that.
        using var notGranted = await _journeys.TokenAsync(liveClientId, secret, new() { ["grant_type"] = "client_credentials", ["scope"] = "transactions.read" });
        Assert.Equal(HttpStatusCode.BadRequest, notGranted.StatusCode);

        var sandboxToken = await ClientTokenAsync(app.ClientId, app.ClientSecret);
        using var liveCall = await ApiAsync(liveToken, "/v1/webhook-event-types");
        using var sandboxCall = await ApiAsync(sandboxToken, "/v1/webhook-event-types");
        Assert.Equal(HttpStatusCode.OK, liveCall.StatusCode);
        Assert.True(Limit(liveCall) > Limit(sandboxCall), $"production {Limit(liveCall)} should exceed sandbox {Limit(sandboxCall)}");

        using var customers = await ApiAsync(liveToken, "/v1/sandbox/customers");
        Assert.Equal(HttpStatusCode.Forbidden, customers.StatusCode);
        Assert.Equal("sandbox_only", (await customers.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Approving_twice_or_a_draft_is_refused_and_a_rejection_needs_a_note_and_reaches_the_developer()
    {
        var (developer, token, app) = await _journeys.NewAppAsync("accounts.read");
        using var apps = _journeys.AppsApi(token);
        using var admin = await AdminAsync();
        using var saved = await apps.PutAsJsonAsync($"/v1/apps/{app.Id}/production-request", Complete($"https://d-{Guid.NewGuid():N}.example/cb"), Cancel);
        var requestId = (await saved.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetString()!;

        await AssertProblemAsync(await admin.PostAsJsonAsync($"/v1/admin/production-requests/{requestId}/approve", new { }, Cancel),
            HttpStatusCode.Conflict, "production_request_not_submitted");

        using var submitted = await apps.PostAsync($"/v1/apps/{app.Id}/production-request/submit", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var noNote = await admin.PostAsJsonAsync($"/v1/admin/production-requests/{requestId}/reject", new { note = " " }, Cancel);
        Assert.Contains("note", (await AssertProblemAsync(noNote, HttpStatusCode.UnprocessableEntity, "validation_failed")).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        using var rejected = await admin.PostAsJsonAsync($"/v1/admin/production-requests/{requestId}/reject", new { note = "Your website does not load." }, Cancel);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var email = await _journeys.Mailbox.WaitForAsync(developer.Email, "needs changes", Cancel);
        Assert.Contains("Your website does not load.", email.TextBody, StringComparison.Ordinal);
        await AssertProblemAsync(await admin.PostAsJsonAsync($"/v1/admin/production-requests/{requestId}/approve", new { }, Cancel),
            HttpStatusCode.Conflict, "production_request_not_submitted");

        // Rejected → edited (draft) → submitted → approved; then approving again is refused.
        using var resaved = await apps.PutAsJsonAsync($"/v1/apps/{app.Id}/production-request", Complete($"https://e-{Guid.NewGuid():N}.example/cb"), Cancel);
        Assert.Equal("draft", (await resaved.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("state").GetString());
        using var resubmitted = await apps.PostAsync($"/v1/apps/{app.Id}/production-request/submit", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);
        using var approved = await admin.PostAsJsonAsync($"/v1/admin/production-requests/{requestId}/approve", new { }, Cancel);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        await AssertProblemAsync(await admin.PostAsJsonAsync($"/v1/admin/production-requests/{requestId}/approve", new { }, Cancel),
            HttpStatusCode.Conflict, "production_request_not_submitted");
        await AssertProblemAsync(await apps.PutAsJsonAsync($"/v1/apps/{app.Id}/production-request", Complete("https://x.example/cb"), Cancel),
            HttpStatusCode.Conflict, "production_request_not_editable");

        var trail = await admin.GetFromJsonAsync<JsonElement>($"/v1/admin/production-requests/{requestId}", Cancel);
        Assert.Equal(["draft", "submitted", "rejected", "draft", "submitted", "approved"],
            trail.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("toState").GetString()));
        Assert.Equal("Your website does not load.", trail.GetProperty("events")[2].GetProperty("note").GetString());
        Assert.Equal(Admin.Email, trail.GetProperty("events")[2].GetProperty("actorEmail").GetString());
    }

    [Fact]
    public async Task Two_admins_approving_at_once_make_exactly_one_production_client()
    {
        var (_, token, app) = await _journeys.NewAppAsync("accounts.read");
        using var apps = _journeys.AppsApi(token);
        var requestId = await SubmitAsync(apps, app.Id, $"https://race-{Guid.NewGuid():N}.example/cb");
        using var first = await AdminAsync();
        using var second = await AdminAsync();

        var responses = await Task.WhenAll(
            first.PostAsJsonAsync($"/v1/admin/production-requests/{requestId}/approve", new { }, Cancel),
            second.PostAsJsonAsync($"/v1/admin/production-requests/{requestId}/approve", new { }, Cancel));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var list = await apps.GetFromJsonAsync<JsonElement>("/v1/apps", Cancel);
        Assert.Single(list.GetProperty("data").EnumerateArray(), a => a.GetProperty("environment").GetString() == "production");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task First_saves_racing_each_other_leave_one_request_and_no_server_error()
    {
        var (_, token, app) = await _journeys.NewAppAsync("accounts.read");
        using var apps = _journeys.AppsApi(token);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            apps.PutAsJsonAsync($"/v1/apps/{app.Id}/production-request", Complete($"https://save{i}.example/cb"), Cancel)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var request = await apps.GetFromJsonAsync<JsonElement>($"/v1/apps/{app.Id}/production-request", Cancel);
        Assert.Single(request.GetProperty("events").EnumerateArray());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task An_admin_cannot_approve_their_own_app()
    {
        var adminToken = await AdminTokenAsync();
        using var adminApps = _journeys.AppsApi(adminToken);
        using var created = await adminApps.PostAsJsonAsync("/v1/apps",
            new { name = "Admin's own", redirectUris = new[] { "https://own.example/cb" }, scopes = new[] { "accounts.read" } }, Cancel);
        var appId = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("app").GetProperty("id").GetString()!;
        var requestId = await SubmitAsync(adminApps, appId, $"https://own-{Guid.NewGuid():N}.example/cb");

        var refused = await AssertProblemAsync(await adminApps.PostAsJsonAsync($"/v1/admin/production-requests/{requestId}/approve", new { }, Cancel),
            HttpStatusCode.Forbidden, "cannot_review_own_app");

        Assert.Contains("Another administrator", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var request = await adminApps.GetFromJsonAsync<JsonElement>($"/v1/admin/production-requests/{requestId}", Cancel);
        Assert.Equal("submitted", request.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_developer_is_not_an_admin_and_cannot_submit_another_developers_app()
    {
        var (_, ownerToken, app) = await _journeys.NewAppAsync("accounts.read");
        using var owner = _journeys.AppsApi(ownerToken);
        var requestId = await SubmitAsync(owner, app.Id, $"https://mine-{Guid.NewGuid():N}.example/cb");
        var other = await _journeys.NewVerifiedDeveloperAsync();
        using var stranger = _journeys.AppsApi((await _journeys.PortalTokensAsync(other)).GetProperty("access_token").GetString()!);

        await AssertProblemAsync(await stranger.PostAsync($"/v1/apps/{app.Id}/production-request/submit", null, Cancel), HttpStatusCode.NotFound, "app_not_found");
        await AssertProblemAsync(await stranger.PutAsJsonAsync($"/v1/apps/{app.Id}/production-request", Complete("https://x.example/cb"), Cancel),
            HttpStatusCode.NotFound, "app_not_found");
        using var approve = await stranger.PostAsJsonAsync($"/v1/admin/production-requests/{requestId}/approve", new { }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        using var ownApprove = await owner.PostAsJsonAsync($"/v1/admin/production-requests/{requestId}/approve", new { }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, ownApprove.StatusCode);
    }

    [Fact]
    public async Task Submitting_with_http_redirect_uris_or_missing_fields_is_refused_field_by_field_and_changes_nothing()
    {
        var (_, token, app) = await _journeys.NewAppAsync("accounts.read");
        using var apps = _journeys.AppsApi(token);
        var fields = Complete("http://app.example/callback") with { LegalName = null };
        using var saved = await apps.PutAsJsonAsync($"/v1/apps/{app.Id}/production-request", fields, Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var problem = await AssertProblemAsync(await apps.PostAsync($"/v1/apps/{app.Id}/production-request/submit", null, Cancel),
            HttpStatusCode.UnprocessableEntity, "validation_failed");

        Assert.Equal(["legalName", "redirectUris[0]"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var request = await apps.GetFromJsonAsync<JsonElement>($"/v1/apps/{app.Id}/production-request", Cancel);
        Assert.Equal("draft", request.GetProperty("state").GetString());
        Assert.Single(request.GetProperty("events").EnumerateArray());
    }

    internal sealed record Fields(string? LegalName, string RegistrationNumber, string Country, string ContactEmail, string ContactPhone,
        string Website, string UseCase, string[] RedirectUris, string[] Scopes);

    internal static Fields Complete(string redirectUri) => new("Tausi Fintech Ltd", "PVT-2026-0042", "KE", "compliance@tausi.example",
        "+254712345678", "https://tausi.example", "Shows customers their balances and spending by category, read only.", [redirectUri], ["accounts.read"]);

    internal static async Task<string> SubmitAsync(HttpClient apps, string appId, string redirectUri)
    {
        using var saved = await apps.PutAsJsonAsync($"/v1/apps/{appId}/production-request", Complete(redirectUri), Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var submitted = await apps.PostAsync($"/v1/apps/{appId}/production-request/submit", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetString()!;
    }

    private async Task<string> AdminTokenAsync() => (await _journeys.PortalTokensAsync(Admin)).GetProperty("access_token").GetString()!;

    private async Task<HttpClient> AdminAsync() => _journeys.AppsApi(await AdminTokenAsync());

    private async Task<List<JsonElement>> ListAsync(string state)
    {
        using var admin = await AdminAsync();
        var list = await admin.GetFromJsonAsync<JsonElement>($"/v1/admin/production-requests?state={state}", Cancel);
        return [.. list.GetProperty("data").EnumerateArray()];
    }

    private async Task<string> ClientTokenAsync(string clientId, string secret)
    {
        using var response = await _journeys.TokenAsync(clientId, secret, new() { ["grant_type"] = "client_credentials", ["scope"] = "accounts.read" });
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!;
    }

    private async Task<HttpResponseMessage> ApiAsync(string token, string path)
    {
        using var http = platform.CreateClient("api");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, Cancel);
    }

    private static int Limit(HttpResponseMessage response) => int.Parse(response.Headers.GetValues("RateLimit-Limit").Single());

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement.Clone();
            Assert.Equal(code, problem.GetProperty("code").GetString());
            return problem;
        }
    }
}
