using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wekeza.Api.Features.Webhooks;
using Wekeza.Banking.Webhooks;

namespace Wekeza.Api.Tests.Features.Webhooks;

/// <summary>
/// Which endpoint URLs an app may save: production apps (client ids <c>live_…</c>) only public https hosts; sandbox
/// apps also http://localhost. The rules answer before any database work, so they are tested on the API in process.
/// </summary>
public sealed class WebhookUrlRulesTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory;

    public WebhookUrlRulesTests(ApiFactory factory) => _factory = factory;

    [Theory]
    [InlineData("http://hooks.fintech.example/wekeza", "Production endpoints need https.")]
    [InlineData("http://localhost:5000/hook", "Production endpoints need https.")]
    [InlineData("https://localhost/hook", "must be public")]
    [InlineData("https://127.0.0.1/hook", "must be public")]
    [InlineData("https://10.0.0.8/hook", "must be public")]
    [InlineData("https://192.168.1.20/hook", "must be public")]
    [InlineData("https://169.254.169.254/latest/meta-data", "must be public")]
    [InlineData("https://[::1]/hook", "must be public")]
    [InlineData("https://[fd12::1]/hook", "must be public")]
    [InlineData("https://payments.svc.internal/hook", "must be public")]
    [InlineData("https://rebinding.fintech.example/hook", "must be public")]
    [InlineData("https://nowhere.fintech.example/hook", "does not resolve")]
    public async Task A_production_app_cannot_point_webhooks_at_http_or_a_private_address(string url, string message)
    {
        var problem = await CreateAsync("live_0123456789abcdef", url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, problem.Status);
        Assert.Contains(message, problem.Body.GetProperty("errors").GetProperty("url")[0].GetString());
    }

    [Theory]
    [InlineData("http://example.com/hook")]
    [InlineData("https://10.0.0.8/hook")]
    public async Task A_sandbox_app_needs_https_or_localhost(string url)
    {
        var (status, body) = await CreateAsync("sbx_0123456789abcdef", url);
        if (url.StartsWith("http://", StringComparison.Ordinal))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Contains("Use https", body.GetProperty("errors").GetProperty("url")[0].GetString());
        }
        else
        {
            // Private https targets pass the URL check in the sandbox; the sender refuses them at connect time.
            Assert.False(body.TryGetProperty("errors", out var errors) && errors.TryGetProperty("url", out _), body.ToString());
        }
    }

    [Fact]
    public async Task A_customer_token_is_not_an_apps_own_token()
    {
        using var client = Client(TestTokens.Create(_factory, subject: "a-customer", clientId: "sbx_0123456789abcdef"));
        using var response = await client.GetAsync("/v1/webhook-endpoints", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("app_token_required", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> CreateAsync(string clientId, string url)
    {
        using var client = Client(TestTokens.Create(_factory, subject: clientId, clientId: clientId));
        using var response = await client.PostAsJsonAsync("/v1/webhook-endpoints", new { url, eventTypes = new[] { "banana" } },
            TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
    }

    private HttpClient Client(string token)
    {
        var client = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<HostResolver, FakeDns>())).CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A public name that resolves to a private address (DNS rebinding), and a name that does not resolve.</summary>
    private sealed class FakeDns : HostResolver
    {
        public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => host switch
        {
            "rebinding.fintech.example" => Task.FromResult(new[] { IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.0.0.1") }),
            "hooks.fintech.example" => Task.FromResult(new[] { IPAddress.Parse("93.184.216.34") }),
            _ => Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound)),
        };
    }
}
