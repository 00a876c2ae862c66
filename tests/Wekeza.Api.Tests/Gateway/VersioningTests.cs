using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Wekeza.Api.Tests.Gateway;

/// <summary>docs/changelog.md, "Versioning and deprecation": unknown versions, deprecated operations and their sunset.</summary>
public sealed class VersioningTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset DeprecatedAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SunsetAt = new(2027, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/v2/accounts", "v2")]
    [InlineData("/v0/accounts", "v0")]
    [InlineData("/v1.0/accounts", "v1.0")]
    [InlineData("/vx/payments", "vx")]
    [InlineData("/v2", "v2")]
    public async Task A_version_we_do_not_serve_is_404_unsupported_api_version_listing_v1(string path, string version)
    {
        using var response = await factory.CreateClient().GetAsync(path, Cancel);

        var problem = await Problems.AssertProblemAsync(response, 404, "unsupported_api_version");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"'{version}'", detail);
        Assert.Contains("Supported: v1", detail);
    }

    [Fact]
    public async Task Upper_case_V1_is_v1()
    {
        using var response = await factory.CreateClient().GetAsync("/V1/accounts", Cancel);

        // The route exists: it asks for a token, as /v1/accounts does.
        await Problems.AssertProblemAsync(response, 401, "unauthorized");
    }

    [Fact]
    public async Task An_unknown_route_under_v1_stays_a_plain_404()
    {
        using var response = await factory.CreateClient().GetAsync("/v1/no-such-thing", Cancel);

        await Problems.AssertProblemAsync(response, 404, "not_found");
    }

    [Fact]
    public async Task A_deprecated_operation_says_so_and_when_it_ends_and_other_operations_do_not()
    {
        using var api = Deprecating("GET /v1/accounts", new ManualClock(DeprecatedAt.AddDays(1)));

        using var deprecated = await api.CreateClient().GetAsync("/v1/accounts", Cancel);
        using var other = await api.CreateClient().GetAsync("/v1/accounts/acc_1", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, deprecated.StatusCode);
        Assert.Equal("@" + DeprecatedAt.ToUnixTimeSeconds(), Header(deprecated, "Deprecation"));
        Assert.Equal("Tue, 01 Jun 2027 00:00:00 GMT", Header(deprecated, "Sunset"));
        Assert.Equal("<https://developers.wekeza.example/docs/changelog#accounts>; rel=\"deprecation\"; type=\"text/html\", " +
                     "<https://developers.wekeza.example/docs/changelog#accounts>; rel=\"sunset\"; type=\"text/html\"", Header(deprecated, "Link"));
        Assert.False(other.Headers.Contains("Deprecation"));
        Assert.False(other.Headers.Contains("Sunset"));
    }

    [Fact]
    public async Task After_its_sunset_a_deprecated_operation_is_410_api_version_sunset()
    {
        var clock = new ManualClock(SunsetAt.AddSeconds(-1));
        using var api = Deprecating("GET /v1/accounts", clock);
        using var before = await api.CreateClient().GetAsync("/v1/accounts", Cancel);
        clock.Now = SunsetAt;

        using var after = await api.CreateClient().GetAsync("/v1/accounts", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        var problem = await Problems.AssertProblemAsync(after, 410, "api_version_sunset");
        Assert.Contains("/v1/accounts", problem.GetProperty("detail").GetString());
        Assert.Equal("Tue, 01 Jun 2027 00:00:00 GMT", Header(after, "Sunset"));
    }

    [Fact]
    public async Task A_whole_version_can_be_deprecated()
    {
        using var api = Deprecating("v1", new ManualClock(SunsetAt));

        using var response = await api.CreateClient().DeleteAsync("/v1/consents/cns_1", Cancel);

        await Problems.AssertProblemAsync(response, 410, "api_version_sunset");
    }

    [Fact]
    public async Task The_openapi_document_marks_deprecated_operations_only()
    {
        using var api = Deprecating("GET /v1/accounts", new ManualClock(DeprecatedAt));

        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);

        Assert.Equal("v1", document.GetProperty("info").GetProperty("version").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/v1/accounts").GetProperty("get").GetProperty("deprecated").GetBoolean());
        Assert.False(paths.GetProperty("/v1/accounts/{accountId}").GetProperty("get").TryGetProperty("deprecated", out _));
        Assert.False(paths.GetProperty("/v1/consents").GetProperty("post").TryGetProperty("deprecated", out _));
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Deprecating(string endpoint, TimeProvider clock) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Versioning:Deprecations:0:Endpoint", endpoint);
            builder.UseSetting("Versioning:Deprecations:0:DeprecatedAt", DeprecatedAt.ToString("O"));
            builder.UseSetting("Versioning:Deprecations:0:SunsetAt", SunsetAt.ToString("O"));
            builder.UseSetting("Versioning:Deprecations:0:Link", "https://developers.wekeza.example/docs/changelog#accounts");
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        });

    private static string Header(HttpResponseMessage response, string name) => string.Join(", ", response.Headers.GetValues(name));
}
