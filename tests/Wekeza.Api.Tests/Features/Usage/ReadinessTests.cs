using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Wekeza.Api.Features.Usage;

namespace Wekeza.Api.Tests.Features.Usage;

public sealed class ReadinessTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static IReadOnlySet<string>? Scopes(string? value)
    {
        Assert.True(Readiness.TryParseScopes(value, out var scopes, out _));
        return scopes;
    }

    [Fact]
    public void A_read_only_app_that_read_accounts_after_a_consent_is_ready_without_payments_or_webhooks()
    {
        var report = Readiness.Build("sbx_app", Now, Now.AddDays(-30), Scopes("accounts.read transactions.read"),
            [("GET", "/v1/accounts", 200, 40, Now), ("GET", "/v1/accounts/{accountId}/transactions", 200, 9, Now), ("POST", "/v1/consents", 201, 3, Now),
             ("GET", "/v1/accounts", 403, 1, Now)],
            consents: 2, payments: 0, webhookEndpoints: 0, delivered: 0);

        Assert.Equal((53L, 1L, 0L, 0.0189m), (report.Calls, report.ClientErrors, report.ServerErrors, report.ErrorRate));
        Assert.Equal(["GET /v1/accounts 40", "GET /v1/accounts/{accountId}/transactions 9", "POST /v1/consents 3"],
            report.Endpoints.Select(e => $"{e.Method} {e.Route} {e.SuccessfulCalls}"));
        Assert.All(report.Checks.Where(c => c.Required), check => Assert.True(check.Passed, check.Name));
        var checks = report.Checks.ToDictionary(c => c.Name);
        Assert.Equal(["accounts_read", "consent_journey", "payment_journey", "webhook_verified", "error_rate"], checks.Keys);
        Assert.Equal((false, false), (checks["payment_journey"].Passed, checks["payment_journey"].Required));
        Assert.Equal((true, false), (checks["error_rate"].Passed, checks["error_rate"].Required));
    }

    [Fact]
    public void An_app_wanting_payments_must_complete_one_and_errors_fail_the_advisory_check()
    {
        var report = Readiness.Build("sbx_app", Now, Now.AddDays(-30), Scopes("payments.write"),
            [("POST", "/v1/payments", 202, 5, Now), ("POST", "/v1/payments", 422, 4, Now), ("GET", "/v1/payments/{paymentId}", 500, 1, Now)],
            consents: 1, payments: 0, webhookEndpoints: 1, delivered: 0);

        var checks = report.Checks.ToDictionary(c => c.Name);
        Assert.Equal((false, true), (checks["payment_journey"].Passed, checks["payment_journey"].Required));
        Assert.False(checks["accounts_read"].Required);
        Assert.Equal((false, false), (checks["error_rate"].Passed, checks["error_rate"].Required));
        Assert.Equal(0.5m, report.ErrorRate);
        Assert.Contains("no delivery", checks["webhook_verified"].Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Without_scopes_accounts_and_consents_are_required_and_no_calls_fail_them()
    {
        var report = Readiness.Build("sbx_app", Now, Now.AddDays(-30), null, [], 0, 0, 0, 0);

        Assert.Equal((0L, 0m), (report.Calls, report.ErrorRate));
        Assert.Equal(["accounts_read", "consent_journey"], report.Checks.Where(c => c.Required).Select(c => c.Name));
        Assert.All(report.Checks, check => Assert.False(check.Passed, check.Name));
    }

    [Theory]
    [InlineData("admin.all")]
    [InlineData("accounts.read,consents.manage")]
    public async Task Unknown_scopes_are_a_422_naming_the_field(string scopes)
    {
        using var api = Client(Admin());

        using var response = await api.GetAsync($"/v1/apps/sbx_app/readiness?scopes={Uri.EscapeDataString(scopes)}", Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty("scopes", out _));
    }

    [Theory]
    [InlineData("/v1/apps/sbx_app/usage?range=7d", "range")]
    [InlineData("/v1/apps/sbx_app/usage?groupBy=customer", "groupBy")]
    [InlineData("/v1/apps/sbx_app/usage.csv?range=1y", "range")]
    [InlineData("/v1/admin/usage?range=forever", "range")]
    public async Task Bad_usage_parameters_are_a_422_naming_the_field(string path, string field)
    {
        using var api = Client(Admin());

        using var response = await api.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Only_an_administrator_sees_every_apps_usage()
    {
        using var api = Client(TestTokens.Create(factory, scope: ApiScopes.WebhooksManage, subject: "dev-1", clientId: "wekeza-portal"));

        using var response = await api.GetAsync("/v1/admin/usage", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("admin_required", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_apps_own_token_cannot_read_usage()
    {
        using var api = Client(TestTokens.Create(factory, scope: ApiScopes.AccountsRead, subject: "sbx_app", clientId: "sbx_app"));

        using var response = await api.GetAsync("/v1/apps/sbx_app/usage", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private string Admin() => TestTokens.Create(factory, scope: ApiScopes.WebhooksManage, subject: "admin-1", clientId: "wekeza-portal",
        extraClaims: new Dictionary<string, object> { ["role"] = "admin" });

    private HttpClient Client(string token)
    {
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api;
    }
}
