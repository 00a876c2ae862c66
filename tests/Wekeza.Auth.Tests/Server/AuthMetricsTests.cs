using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Wekeza.Auth.Server;
using Wekeza.Tests;

namespace Wekeza.Auth.Tests.Server;

/// <summary>The token endpoint's answers as Prometheus scrapes them from auth's <c>/metrics</c>.</summary>
public sealed class AuthMetricsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refused_token_requests_are_counted_by_their_oauth_error_on_metrics()
    {
        using var factory = new AuthFactory();
        using var http = factory.CreateHttpsClient();
        var before = await http.GetStringAsync("/metrics", Cancel);

        for (var i = 0; i < 2; i++)
        {
            using var refused = await PostTokenAsync(http, "password");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using (var overGet = await http.GetAsync("/connect/token", Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, overGet.StatusCode);
        }

        await AssertMovedAsync(http, before, ("unsupported_grant_type", 2), ("invalid_request", 1));
    }

    [Fact]
    public async Task A_token_request_the_rate_limiter_refuses_is_counted_as_slow_down()
    {
        using var factory = new AuthFactory();
        factory.Settings["RateLimits:Auth:Token:PermitsPerMinute"] = "1";
        factory.Settings["RateLimits:Auth:Token:Burst"] = "1";
        using var http = factory.CreateHttpsClient();
        // This server's own meter, not the process-wide exporter other tests' servers also feed.
        using var recorder = new MeterRecorder(AuthMetrics.MeterName, factory.Services.GetRequiredService<IMeterFactory>());

        using var first = await PostTokenAsync(http, "password");
        using var limited = await PostTokenAsync(http, "password");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);

        Assert.Equal(1, recorder.Sum("wekeza.token_requests.failed", ("error", "slow_down")));
        Assert.Equal(1, recorder.Sum("wekeza.token_requests.failed", ("error", "unsupported_grant_type")));
    }

    [Fact]
    public void An_issued_access_token_is_counted_by_grant_type_and_an_error_by_its_code()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var recorder = new MeterRecorder(AuthMetrics.MeterName, meters);
        var metrics = new AuthMetrics(meters);

        metrics.TokenResponse(OpenIddictConstants.GrantTypes.ClientCredentials, new OpenIddictResponse { AccessToken = "eyJ..." });
        metrics.TokenResponse(OpenIddictConstants.GrantTypes.RefreshToken, new OpenIddictResponse { AccessToken = "eyJ...", RefreshToken = "r" });
        metrics.TokenResponse(OpenIddictConstants.GrantTypes.AuthorizationCode, new OpenIddictResponse { Error = "invalid_grant" });
        // Neither a token nor an error (no such answer leaves the token endpoint): nothing to count.
        metrics.TokenResponse(OpenIddictConstants.GrantTypes.ClientCredentials, new OpenIddictResponse());

        Assert.Equal(1, recorder.Sum("wekeza.tokens.issued", ("grant_type", "client_credentials")));
        Assert.Equal(1, recorder.Sum("wekeza.tokens.issued", ("grant_type", "refresh_token")));
        Assert.Equal(0, recorder.Sum("wekeza.tokens.issued", ("grant_type", "authorization_code")));
        Assert.Equal(1, recorder.Sum("wekeza.token_requests.failed", ("error", "invalid_grant")));
    }

    /// <summary>
    /// Scrapes until each error's count has moved by at least its amount (the exporter caches a scrape briefly). At
    /// least, not exactly: the exporter listens to every <c>Wekeza.Auth</c> meter in the process, and other test
    /// classes run their own servers beside this one.
    /// </summary>
    private static async Task AssertMovedAsync(HttpClient http, string before, params (string Error, int By)[] expected)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var after = await http.GetStringAsync("/metrics", Cancel);
            var shortfall = expected.Where(e => Count(after, e.Error) < Count(before, e.Error) + e.By).ToList();
            if (shortfall.Count == 0)
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, string.Join("; ", shortfall.Select(e =>
                $"{e.Error}: {Count(before, e.Error)} before, {Count(after, e.Error)} after, expected +{e.By}")));
            await Task.Delay(100, Cancel);
        }

        static double Count(string metrics, string error) => PrometheusText.Value(metrics, "wekeza_token_requests_failed_total", ("error", error)) ?? 0;
    }

    private static Task<HttpResponseMessage> PostTokenAsync(HttpClient http, string grantType) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["client_id"] = "some-app",
        }), Cancel);
}
