using System.Net;
using System.Net.Http.Headers;
using Wekeza.ServiceDefaults.RateLimiting;

namespace Wekeza.Api.Tests.Gateway.RateLimiting;

/// <summary>
/// The API's rate limits in process, on a real Redis: the headers on every /v1 response, the 429 problem, one app's
/// burst leaving another alone, tiers by client id, and callers without a token limited by address.
/// </summary>
public sealed class ApiRateLimitTests(RedisServer redis) : IClassFixture<RedisServer>
{
    // One permit a minute, three at once: nothing comes back during a test, so counts are exact.
    private const string Path = "/v1/webhook-event-types";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_response_within_the_limit_carries_the_limit_what_remains_and_when_it_is_full_again()
    {
        using var factory = Factory();
        using var response = await CallAsync(factory, NewApp());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", Header(response, RateLimitHeaders.Limit));
        Assert.Equal("2", Header(response, RateLimitHeaders.Remaining));
        Assert.Equal("60", Header(response, RateLimitHeaders.Reset));
        Assert.Equal("3;w=180", Header(response, RateLimitHeaders.Policy));
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Past_the_limit_a_429_problem_names_the_tier_and_the_limit_and_says_when_to_retry()
    {
        using var factory = Factory();
        var app = NewApp();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await CallAsync(factory, app);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await CallAsync(factory, app);

        var problem = await Problems.AssertProblemAsync(refused, 429, "rate_limited");
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        Assert.Equal($"App {app} is on the Sandbox tier: 1 request a minute, at most 3 at once, counted across all its calls and tokens. Retry after 60 seconds.",
            problem.GetProperty("detail").GetString());
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("0", Header(refused, RateLimitHeaders.Remaining));
        Assert.Equal("3", Header(refused, RateLimitHeaders.Limit));
        Assert.Equal("180", Header(refused, RateLimitHeaders.Reset));
        Assert.True(Guid.TryParse(Header(refused, "x-fapi-interaction-id"), out _));
    }

    [Fact]
    public async Task A_second_app_is_unaffected_by_the_first_apps_burst()
    {
        using var factory = Factory();
        var noisy = NewApp();
        var quiet = NewApp();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await CallAsync(factory, noisy);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        using var unaffected = await CallAsync(factory, quiet);
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        Assert.Equal("2", Header(unaffected, RateLimitHeaders.Remaining));
    }

    [Fact]
    public async Task Tiers_follow_the_client_id()
    {
        var platformClient = $"first-party-{Guid.NewGuid():N}";
        using var factory = Factory(new()
        {
            ["RateLimits:Tiers:Production:PermitsPerMinute"] = "7",
            ["RateLimits:Tiers:Internal:PermitsPerMinute"] = "11",
            ["RateLimits:InternalClients:0"] = platformClient,
        });

        foreach (var (clientId, limit) in new[] { (NewApp("live_"), "7"), (platformClient, "11"), (NewApp("other_"), "3"), (NewApp(), "3") })
        {
            using var response = await CallAsync(factory, clientId);
            Assert.True(Header(response, RateLimitHeaders.Limit) == limit, $"{clientId} got limit {Header(response, RateLimitHeaders.Limit)}, not {limit}.");
        }
    }

    [Fact]
    public async Task A_customers_token_spends_from_its_apps_budget()
    {
        using var factory = Factory();
        var app = NewApp();
        using var http = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/accounts");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(factory, subject: $"customer-{i}", clientId: app));
            using var asCustomer = await http.SendAsync(request, Cancel);
            Assert.Equal(2 - i, int.Parse(Header(asCustomer, RateLimitHeaders.Remaining)!));
        }

        using var refused = await CallAsync(factory, app);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task Calls_without_a_valid_token_are_limited_by_address_and_get_a_429_before_the_401()
    {
        using var factory = Factory(new()
        {
            ["RateLimits:Tiers:Anonymous:PermitsPerMinute"] = "1",
            ["RateLimits:Tiers:Anonymous:Burst"] = "2",
        });
        using var http = factory.CreateClient();

        using var first = await http.GetAsync("/v1/accounts", Cancel);
        using var second = await http.GetAsync("/v1/accounts", Cancel);
        using var third = await http.GetAsync("/v1/accounts", Cancel);

        await Problems.AssertProblemAsync(first, 401, "unauthorized");
        Assert.Equal("2", Header(first, RateLimitHeaders.Limit));
        Assert.Equal("1", Header(first, RateLimitHeaders.Remaining));
        await Problems.AssertProblemAsync(second, 401, "unauthorized");
        var problem = await Problems.AssertProblemAsync(third, 429, "rate_limited");
        Assert.StartsWith("Requests without a valid access token are limited per client address: 1 request a minute, at most 2 at once. Retry after",
            problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Paths_outside_v1_are_not_limited(string path)
    {
        using var factory = Factory();
        using var http = factory.CreateClient();

        using var response = await http.GetAsync(path, Cancel);

        Assert.False(response.Headers.Contains(RateLimitHeaders.Limit), $"{path} carries rate-limit headers.");
    }

    [Fact]
    public async Task The_sandboxs_simulated_429_keeps_its_own_state_and_gains_the_real_limit()
    {
        using var factory = Factory();
        using var http = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(factory, NewApp()));
        request.Headers.Add("Wekeza-Sandbox-Scenario", "rate-limited");

        using var response = await http.SendAsync(request, Cancel);

        await Problems.AssertProblemAsync(response, 429, "rate_limited");
        Assert.Equal("0", Header(response, RateLimitHeaders.Remaining));
        Assert.Equal("1", Header(response, RateLimitHeaders.Reset));
        Assert.Equal("3", Header(response, RateLimitHeaders.Limit));
    }

    [Fact]
    public async Task With_redis_unreachable_a_replica_still_enforces_the_limit_alone()
    {
        // ApiFactory's own cache address does not resolve: the rate limiter never reaches Redis.
        using var factory = new ApiFactory();
        factory.Settings["RateLimits:Tiers:Sandbox:PermitsPerMinute"] = "1";
        factory.Settings["RateLimits:Tiers:Sandbox:Burst"] = "2";
        var app = NewApp();

        using var first = await CallAsync(factory, app);
        using var second = await CallAsync(factory, app);
        using var third = await CallAsync(factory, app);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], new[] { first.StatusCode, second.StatusCode, third.StatusCode });
        Assert.Equal("2", Header(first, RateLimitHeaders.Limit));
        await Problems.AssertProblemAsync(third, 429, "rate_limited");
    }

    private ApiFactory Factory(Dictionary<string, string?>? settings = null)
    {
        var factory = new ApiFactory();
        factory.Settings["ConnectionStrings:cache"] = redis.ConnectionString;
        factory.Settings["RateLimits:Tiers:Sandbox:PermitsPerMinute"] = "1";
        factory.Settings["RateLimits:Tiers:Sandbox:Burst"] = "3";
        // Generous: the counts here must be Redis's, never a slow answer's fallback.
        factory.Settings["RateLimits:RedisTimeout"] = "00:00:02";
        foreach (var (key, value) in settings ?? [])
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    // Unique per test: the class's tests share one Redis.
    private static string NewApp(string prefix = "sbx_") => $"{prefix}{Guid.NewGuid():N}";

    private static string Token(ApiFactory factory, string clientId) => TestTokens.Create(factory, scope: null, subject: clientId, clientId: clientId);

    private static async Task<HttpResponseMessage> CallAsync(ApiFactory factory, string clientId)
    {
        using var http = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(factory, clientId));
        return await http.SendAsync(request, Cancel);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
