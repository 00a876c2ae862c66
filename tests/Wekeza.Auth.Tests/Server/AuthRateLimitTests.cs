using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Wekeza.Auth.Tests.Server;

/// <summary>
/// Per-address limits on sign-in, registration and the token endpoint. The cache is unreachable here, so each test's
/// server limits in process, by the same policy (the shared, Redis-backed path is the API tests' subject).
/// </summary>
public sealed class AuthRateLimitTests
{
    private const string PeerHeader = "X-Test-Peer";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_token_endpoint_answers_a_flood_from_one_address_with_an_oauth_slow_down_and_retry_after()
    {
        using var factory = Factory("Token");
        using var http = Client(factory);

        using var first = await TokenAsync(http, "203.0.113.7");
        using var second = await TokenAsync(http, "203.0.113.7");
        using var refused = await TokenAsync(http, "203.0.113.7");
        using var elsewhere = await TokenAsync(http, "203.0.113.8");

        // Within the limit OpenIddict answers as always (here: a grant type it does not support).
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.True(refused.Headers.CacheControl?.NoStore);
        Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
        var error = await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("slow_down", error.GetProperty("error").GetString());
        Assert.Equal("Too many token requests from your network. Retry after 60 seconds.", error.GetProperty("error_description").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
    }

    [Theory]
    [InlineData("SignIn", "/account/login")]
    [InlineData("Register", "/account/register")]
    public async Task A_form_flooded_from_one_address_answers_429_with_a_page_saying_how_long_to_wait(string policy, string path)
    {
        using var factory = Factory(policy);
        using var http = Client(factory);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var posted = await PostFormAsync(http, path, "198.51.100.20");
            statuses.Add(posted.StatusCode);
        }

        using var refused = await PostFormAsync(http, path, "198.51.100.20");
        using var elsewhere = await PostFormAsync(http, path, "198.51.100.21");

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var page = await refused.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Too many attempts", page);
        Assert.Contains("Wait 60 seconds", page);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, elsewhere.StatusCode);

        // Showing the page is never limited: only attempts count. (Without a reachable cache the page itself cannot
        // render its antiforgery token here; all that matters is that the limiter let it through.)
        using var shown = await SendAsync(http, new HttpRequestMessage(HttpMethod.Get, path), "198.51.100.20");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, shown.StatusCode);
    }

    [Fact]
    public async Task Addresses_in_one_ipv6_64_share_a_budget_and_the_next_64_has_its_own()
    {
        using var factory = Factory("Token");
        using var http = Client(factory);

        using var first = await TokenAsync(http, "2001:db8:1:2::1");
        using var sameNetwork = await TokenAsync(http, "2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        using var refused = await TokenAsync(http, "2001:db8:1:2::ffff");
        using var nextNetwork = await TokenAsync(http, "2001:db8:1:3::1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nextNetwork.StatusCode);
    }

    [Fact]
    public async Task Other_endpoints_are_not_limited()
    {
        using var factory = Factory("Token");
        using var http = Client(factory);

        for (var i = 0; i < 5; i++)
        {
            using var discovery = await SendAsync(http, new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration"), "203.0.113.9");
            Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        }
    }

    /// <summary>Auth with one permit a minute and two at once for <paramref name="policy"/>, whose peer address a test header sets.</summary>
    private static WebApplicationFactory<Program> Factory(string policy)
    {
        var factory = new AuthFactory();
        factory.Settings[$"RateLimits:Auth:{policy}:PermitsPerMinute"] = "1";
        factory.Settings[$"RateLimits:Auth:{policy}:Burst"] = "2";
        return factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IStartupFilter, PeerAddressFromHeader>()));
    }

    private static HttpClient Client(WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> TokenAsync(HttpClient http, string peer) =>
        SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["client_id"] = "some-app" }),
        }, peer);

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, string peer) =>
        SendAsync(http, new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "someone@example.com", ["Input.Password"] = "guess" }),
        }, peer);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string peer)
    {
        using (request)
        {
            request.Headers.Add(PeerHeader, peer);
            return await http.SendAsync(request, Cancel);
        }
    }

    /// <summary>The in-memory test server has no peer address; this gives each request the one the test names.</summary>
    private sealed class PeerAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return following(context);
            });
            next(app);
        };
    }
}
