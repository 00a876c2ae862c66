using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wekeza.AppHost.Hosting.Resources;

namespace Wekeza.IntegrationTests.Platform;

public sealed class StartupTests(PlatformFixture platform)
{
    [Fact]
    public void Every_resource_of_the_app_model_is_up()
    {
        var expected = new[] { "postgres", "authdb", "bankdb", "cache", "messaging", "auth-migrations", "auth", "api-migrations", "api", "workers", "portal", "prometheus" };
        Assert.Equal(expected.Order(), platform.App.Resources.Select(r => r.Name).Order());
        Assert.All(platform.App.Resources, r => Assert.True(
            r.State is ResourceState.Running or ResourceState.Finished, $"{r.Name} is {r.State}: {r.StateReason}"));
        Assert.Equal(ResourceState.Finished, platform.App.GetResource("auth-migrations").State);
        Assert.Equal(ResourceState.Finished, platform.App.GetResource("api-migrations").State);
    }

    [Theory]
    [InlineData("auth", new[] { "authdb", "cache" })]
    [InlineData("api", new[] { "bankdb", "cache" })]
    [InlineData("workers", new[] { "messaging", "messaging-topology" })]
    [InlineData("portal", new[] { "cache" })]
    public async Task Each_service_is_ready_with_a_passing_check_for_every_dependency(string service, string[] dependencies)
    {
        using var client = platform.CreateClient(service);
        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks");
        foreach (var dependency in dependencies)
        {
            Assert.True(checks.TryGetProperty(dependency, out var check), $"{service} has no health check for {dependency}");
            Assert.Equal("Healthy", check.GetProperty("status").GetString());
        }
    }

    [Fact]
    public void Endpoints_file_lists_every_endpoint_for_scripts()
    {
        var endpoints = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(platform.App.EndpointsFile))!;

        foreach (var service in new[] { "auth", "api", "portal", "workers" })
        {
            Assert.StartsWith("https://localhost:", endpoints[service]);
            Assert.Equal(platform.App.GetEndpoint(service), endpoints[service]);
        }

        Assert.StartsWith("postgresql://127.0.0.1:", endpoints["postgres"]);
        Assert.StartsWith("redis://127.0.0.1:", endpoints["cache"]);
        Assert.StartsWith("amqp://127.0.0.1:", endpoints["messaging"]);
        Assert.StartsWith("http://localhost:", endpoints["messaging-management"]);
    }

    [Fact]
    public async Task Services_present_a_certificate_only_the_local_CA_vouches_for()
    {
        // Without the stack's CA, HTTPS to a service fails: the certificate is real, not a bypass.
        using var untrusting = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            untrusting.GetAsync(platform.App.GetEndpoint("api") + "/health", TestContext.Current.CancellationToken));

        using var trusting = platform.CreateClient("api");
        using var response = await trusting.GetAsync("/alive", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
