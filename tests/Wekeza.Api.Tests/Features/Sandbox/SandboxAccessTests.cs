using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wekeza.Api.Tests.Features.Sandbox;

/// <summary>
/// Who may use the sandbox's controls and magic headers. The refusals answer before any database work, so they are
/// tested on the API in process; what the controls do is tested against the whole stack (IntegrationTests/Sandbox).
/// </summary>
public sealed class SandboxAccessTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Production = "live_0123456789abcdef";
    private const string Sandbox = "sbx_0123456789abcdef";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/v1/sandbox/customers")]
    [InlineData("GET", "/v1/sandbox/clock")]
    [InlineData("POST", "/v1/sandbox/clock/advance")]
    [InlineData("POST", "/v1/sandbox/accounts/acc_000101/incoming-transactions")]
    [InlineData("POST", "/v1/sandbox/webhooks/fire")]
    [InlineData("POST", "/v1/sandbox/payments/pmt_0/outcome")]
    [InlineData("POST", "/v1/sandbox/consents/cns_0/expire")]
    [InlineData("POST", "/v1/sandbox/reset")]
    public async Task A_production_app_has_no_sandbox_controls(string method, string path)
    {
        using var client = Client(Production);
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? JsonContent.Create(new { seconds = 60, amount = "10.00", type = "payment.completed", status = "Completed" }) : null,
        }, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("sandbox_only", problem.GetProperty("code").GetString());
        Assert.Contains("production app", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_customer_token_cannot_drive_the_sandbox()
    {
        using var client = Client(Sandbox, subject: "a-customer");
        using var response = await client.PostAsync("/v1/sandbox/reset", null, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("app_token_required", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_production_app_cannot_ask_for_a_sandbox_scenario()
    {
        using var client = Client(Production);
        client.DefaultRequestHeaders.Add("Wekeza-Sandbox-Scenario", "server-error");
        using var response = await client.GetAsync("/v1/webhook-endpoints", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("sandbox_scenario_not_allowed", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_scenario_names_the_known_ones()
    {
        using var client = Client(Sandbox);
        client.DefaultRequestHeaders.Add("Wekeza-Sandbox-Scenario", "meteor-strike");
        using var response = await client.GetAsync("/v1/webhook-endpoints", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("sandbox_scenario_unknown", problem.GetProperty("code").GetString());
        Assert.Contains("slow-response, server-error, rate-limited", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_server_error_scenario_is_a_500_problem_that_says_it_was_simulated()
    {
        using var client = Client(Sandbox);
        client.DefaultRequestHeaders.Add("Wekeza-Sandbox-Scenario", "server-error");
        using var response = await client.GetAsync("/v1/webhook-endpoints", Cancel);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("internal_error", problem.GetProperty("code").GetString());
        Assert.Contains("Simulated", problem.GetProperty("detail").GetString());
        Assert.Equal("server-error", response.Headers.GetValues("Wekeza-Sandbox-Scenario").Single());
    }

    [Fact]
    public async Task The_rate_limited_scenario_says_when_to_retry()
    {
        using var client = Client(Sandbox);
        client.DefaultRequestHeaders.Add("Wekeza-Sandbox-Scenario", "rate-limited");
        using var response = await client.GetAsync("/v1/webhook-endpoints", Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("0", response.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Equal("rate_limited", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_bad_token_is_still_a_401_whatever_the_scenario()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        client.DefaultRequestHeaders.Add("Wekeza-Sandbox-Scenario", "server-error");
        using var response = await client.GetAsync("/v1/webhook-endpoints", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private HttpClient Client(string clientId, string? subject = null)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(factory, subject: subject ?? clientId, clientId: clientId));
        return client;
    }
}
