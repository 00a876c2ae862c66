using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wekeza.IntegrationTests.Consents;

namespace Wekeza.IntegrationTests.Api;

/// <summary>
/// Rate limits hold across API replicas: one app's burst spread over two replicas gets its budget once, not once per
/// replica, and another app's budget is untouched.
/// </summary>
/// <remarks>
/// The two replicas are the real Program.cs in process, on the stack's Redis and auth, with a sandbox tier small and
/// slow enough for exact counts (20 at once, one more every 10 s). Not the stack's own api: the stack's sandbox limit
/// must stay high enough for every other test (the payment races poll a hundred payments at once from one app), and a
/// burst past it would take thousands of calls. The replicas spend from the same Redis keys as the stack would; the
/// apps here are new and call nothing else, so nothing else spends from their budgets.
/// </remarks>
public sealed class RateLimitTests(PlatformFixture platform)
{
    private const int Burst = 20;
    private static readonly TimeSpan Refill = TimeSpan.FromSeconds(10);
    private const string Path = "/v1/webhook-event-types";

    private readonly ConsentJourney _journey = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_app_bursting_across_two_api_replicas_gets_exactly_its_limit_in_total_and_a_second_app_is_unaffected()
    {
        var noisy = await AppTokenAsync();
        var quiet = await AppTokenAsync();
        using var first = LimitedApiReplica(platform);
        using var second = LimitedApiReplica(platform);
        using var firstNoisy = first.As(noisy);
        using var secondNoisy = second.As(noisy);
        using var firstQuiet = first.As(quiet);
        using var secondQuiet = second.As(quiet);

        // Warm both replicas with the quiet app (their first call fetches auth's discovery document and keys), so the
        // burst is not slowed by it: one permit of the quiet app's each.
        foreach (var client in new[] { firstQuiet, secondQuiet })
        {
            using var warm = await client.GetAsync(Path, Cancel);
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
            Assert.Equal(Burst.ToString(), Header(warm, "RateLimit-Limit"));
        }

        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 3 * Burst).Select(i => Task.Run(async () =>
        {
            var replica = i % 2;
            using var response = await (replica == 0 ? firstNoisy : secondNoisy).GetAsync(Path, Cancel);
            var body = await response.Content.ReadAsStringAsync(Cancel);
            return (Replica: replica, response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta, Type: response.Content.Headers.ContentType?.MediaType, Body: body);
        }, Cancel)));
        var elapsed = clock.Elapsed;

        // Exactly the burst, plus any permit that came back while it lasted (none, unless it took over 10 s).
        var successes = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        Assert.InRange(successes, Burst, Burst + (int)(elapsed / Refill));
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.OK).ToList();
        Assert.All(refused, a =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode);
            Assert.Equal("application/problem+json", a.Type);
            var problem = JsonDocument.Parse(a.Body).RootElement;
            Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
            Assert.Contains("Sandbox tier", problem.GetProperty("detail").GetString());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
            Assert.InRange(a.RetryAfter ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), Refill);
        });
        // Both replicas refused: each knew what the other had granted.
        Assert.Contains(refused, a => a.Replica == 0);
        Assert.Contains(refused, a => a.Replica == 1);

        // The quiet app still has the rest of its own budget, on either replica.
        for (var i = 0; i < 5; i++)
        {
            foreach (var client in new[] { firstQuiet, secondQuiet })
            {
                using var response = await client.GetAsync(Path, Cancel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    private async Task<string> AppTokenAsync()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        using var response = await _journey.Journeys.TokenAsync(app.ClientId, app.ClientSecret,
            new() { ["grant_type"] = "client_credentials", ["scope"] = "accounts.read" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>An API replica with a small, slow sandbox tier.</summary>
    private static ApiReplica LimitedApiReplica(PlatformFixture platform) => new(platform, new Dictionary<string, string>
    {
        ["RateLimits:Tiers:Sandbox:PermitsPerMinute"] = ((int)(TimeSpan.FromMinutes(1) / Refill)).ToString(),
        ["RateLimits:Tiers:Sandbox:Burst"] = Burst.ToString(),
        // The counts must be Redis's: a loaded test machine's slow answer must not become a replica's own decision.
        ["RateLimits:RedisTimeout"] = "00:00:02",
    });
}
