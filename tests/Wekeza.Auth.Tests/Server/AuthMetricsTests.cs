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

        for (var i = 0; i < 2; i++)
        {
            using var refused = await PostTokenAsync(http, "password");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using (var overGet = await http.GetAsync("/connect/token", Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, overGet.StatusCode);
        }

        var metrics = await http.GetStringAsync("/metrics", Cancel);
        Assert.Equal(2, PrometheusText.Value(metrics, "wekeza_token_requests_failed_total", ("error", "unsupported_grant_type")));
        Assert.Equal(1, PrometheusText.Value(metrics, "wekeza_token_requests_failed_total", ("error", "invalid_request")));
        Assert.Null(PrometheusText.Value(metrics, "wekeza_tokens_issued_total"));
    }

    [Fact]
    public async Task A_token_request_the_rate_limiter_refuses_is_counted_as_slow_down()
    {
        using var factory = new AuthFactory();
        factory.Settings["RateLimits:Auth:Token:PermitsPerMinute"] = "1";
        factory.Settings["RateLimits:Auth:Token:Burst"] = "1";
        using var http = factory.CreateHttpsClient();

        using var first = await PostTokenAsync(http, "password");
        using var limited = await PostTokenAsync(http, "password");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);

        var metrics = await http.GetStringAsync("/metrics", Cancel);
        Assert.Equal(1, PrometheusText.Value(metrics, "wekeza_token_requests_failed_total", ("error", "slow_down")));
        Assert.Equal(1, PrometheusText.Value(metrics, "wekeza_token_requests_failed_total", ("error", "unsupported_grant_type")));
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

    private static Task<HttpResponseMessage> PostTokenAsync(HttpClient http, string grantType) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["client_id"] = "some-app",
        }), Cancel);
}
