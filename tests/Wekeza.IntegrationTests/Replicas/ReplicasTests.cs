using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.Payments;

namespace Wekeza.IntegrationTests.Replicas;

/// <summary>
/// Two api processes and two workers processes, started by the AppHost, behave as one platform: one rate limit per
/// app, one answer per idempotency key, a revocation seen by both at once, each payment settled once by whichever
/// worker takes it, and Prometheus sees every replica.
/// </summary>
public sealed class ReplicasTests(ReplicatedPlatformFixture platform) : IClassFixture<ReplicatedPlatformFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly PaymentJourney _payments = new(platform);

    [Fact]
    public async Task Each_replica_runs_on_its_own_port_and_prometheus_scrapes_both_of_each_service()
    {
        var addresses = new[] { "api", "api-2", "workers", "workers-2" }.Select(platform.App.GetEndpoint).ToList();
        Assert.Equal(4, addresses.Distinct().Count());
        foreach (var replica in new[] { "api", "api-2", "workers", "workers-2" })
        {
            using var http = platform.CreateClient(replica);
            using var health = await http.GetAsync("/health", Cancel);
            Assert.True(health.StatusCode == HttpStatusCode.OK, $"{replica}: {(int)health.StatusCode}");
        }

        using var prometheus = new HttpClient { BaseAddress = new Uri(platform.App.GetEndpoint("prometheus")) };
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var targets = await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/targets", Cancel);
            var up = targets.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .Where(t => t.GetProperty("health").GetString() == "up")
                .Select(t => (Job: t.GetProperty("labels").GetProperty("job").GetString(), Instance: t.GetProperty("labels").GetProperty("instance").GetString()))
                .ToList();
            if (up.Count(t => t.Job == "api") == 2 && up.Count(t => t.Job == "workers") == 2)
            {
                Assert.Equal(addresses.Select(a => new Uri(a).Authority).Order(), up.Where(t => t.Job is "api" or "workers").Select(t => t.Instance).Order());
                break;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "Prometheus does not see two api and two workers instances up: " + string.Join(", ", up));
            await Task.Delay(500, Cancel);
        }
    }

    [Fact]
    public async Task One_apps_calls_spread_over_both_replicas_draw_on_one_rate_limit()
    {
        var (_, _, app) = await _payments.Consents.NewAppAsync();
        using var first = await _payments.AppApiAsync(app);
        var token = first.DefaultRequestHeaders.Authorization!.Parameter!;
        using var second = platform.Api("api-2", token);

        var remaining = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await (i % 2 == 0 ? first : second).GetAsync("/v1/webhook-event-types", Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            remaining.Add(int.Parse(response.Headers.GetValues("RateLimit-Remaining").Single()));
        }

        // Ten calls, one permit back a second: counted together the budget falls by 9 less what came back meanwhile;
        // were each replica counting alone, the last call (the fifth on its replica) would show at most 4 fewer.
        Assert.InRange(remaining[0] - remaining[^1], 6, 9);
    }

    [Fact]
    public async Task The_same_payment_sent_to_both_replicas_at_once_with_one_key_is_one_payment_settled_once()
    {
        var (_, _, app) = await _payments.Consents.NewAppAsync();
        var debtor = await _payments.OpenFundedAccountAsync(2, 1_000m);
        var initiation = PaymentJourney.Initiation(amount: "35.00");
        var (consentId, first) = await _payments.AuthorisedAsync(app, initiation, ConsentJourney.Customer(2), debtor);
        using var _ = first;
        using var second = platform.Api("api-2", first.DefaultRequestHeaders.Authorization!.Parameter!);
        var key = PaymentJourney.NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            using var response = await PaymentJourney.SubmitAsync(i % 2 == 0 ? first : second, consentId, initiation, key);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Cancel));
        }, Cancel)));

        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.Accepted, $"{(int)r.StatusCode}: {r.Body}"));
        var paymentId = Assert.Single(responses.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("paymentId").GetString()).Distinct())!;
        Assert.Equal("Completed", (await PaymentJourney.FinalStatusAsync(second, paymentId)).GetProperty("status").GetString());
        Assert.Equal(965m, await _payments.BalanceAsync(debtor));
        await using var db = platform.BankDb();
        Assert.Equal(1, await db.Payments.CountAsync(p => p.ConsentId == consentId, Cancel));
    }

    [Fact]
    public async Task Payments_taken_by_two_workers_each_reach_exactly_one_final_state_and_the_ledger_balances()
    {
        var (_, _, app) = await _payments.Consents.NewAppAsync();
        var debtor = await _payments.OpenFundedAccountAsync(2, 10_000m);
        var submitted = new List<(string PaymentId, HttpClient Api)>();
        for (var i = 0; i < 6; i++)
        {
            var initiation = PaymentJourney.Initiation(amount: "10.00", reference: $"REPLICA-{i}");
            var (consentId, api) = await _payments.AuthorisedAsync(app, initiation, ConsentJourney.Customer(2), debtor);
            using var response = await PaymentJourney.SubmitAsync(api, consentId, initiation, PaymentJourney.NewKey());
            submitted.Add((await PaymentJourney.AcceptedAsync(response), api));
        }

        foreach (var (paymentId, api) in submitted)
        {
            using var _ = api;
            var status = await PaymentJourney.FinalStatusAsync(api, paymentId);
            Assert.Equal("Completed", status.GetProperty("status").GetString());
            var finals = status.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("status").GetString() is "Completed" or "Failed" or "Rejected");
            Assert.Equal(1, finals);
        }

        Assert.Equal(9_940m, await _payments.BalanceAsync(debtor));
        await _payments.AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task A_consent_revoked_through_one_replica_is_refused_by_the_other_within_a_second()
    {
        var (_, _, app) = await _payments.Consents.NewAppAsync();
        var consents = _payments.Consents;
        var consentId = await consents.CreateConsentAsync(app);
        var tokens = await consents.AuthoriseAsync(app, consentId, ConsentJourney.Customer(), "acc_000101");
        using var reader = platform.Api("api-2", tokens.GetProperty("access_token").GetString()!);
        using (var before = await reader.GetAsync("/v1/accounts", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var appApi = await consents.AppApiAsync(app))
        using (var revoked = await appApi.DeleteAsync($"/v1/consents/{consentId}", Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        // The bound RevocationTests hold every replica to, here with two AppHost processes rather than one in the test.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var after = await reader.GetAsync("/v1/accounts", Cancel);
            if (after.StatusCode == HttpStatusCode.Forbidden)
            {
                Assert.Equal("consent_revoked", (await after.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
                break;
            }

            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "api-2 still serves the revoked consent after a second.");
            await Task.Delay(50, Cancel);
        }
    }
}
