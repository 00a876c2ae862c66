using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Wekeza.Banking.Usage;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.Identity;
using Wekeza.IntegrationTests.Payments;
using Wekeza.IntegrationTests.Sandbox;

namespace Wekeza.IntegrationTests.Usage;

/// <summary>
/// Real calls metered by the API (and a second replica), rolled up by the workers, read back as the portal reads
/// them: the developer's token on <c>/v1/apps/{clientId}/usage</c>, its CSV and the readiness report.
/// </summary>
public sealed class UsageTests(PlatformFixture platform)
{
    private const string PortalScopes = "openid profile email roles offline_access apps.manage webhooks.manage";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly SandboxJourney _journey = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_developer_sees_exactly_their_apps_calls_by_endpoint_and_status_as_json_and_csv()
    {
        var (developer, _, app, _) = await _journey.Webhooks.NewAppAsync();
        using var asDeveloper = await DeveloperApiAsync(developer);
        using var api = await _journey.Consents.AppApiAsync(app);

        // 1 consent created (201), 3 account reads as the customer (200), 2 unknown consents (404), 1 bad consent (422).
        var consentId = await _journey.Consents.CreateConsentAsync(app);
        using var customer = await _journey.CustomerApiAsync(app, consentId, "amina", ConsentJourney.DataScopes);
        for (var i = 0; i < 3; i++)
        {
            using var accounts = await customer.GetAsync("/v1/accounts", Cancel);
            Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
        }

        for (var i = 0; i < 2; i++)
        {
            using var unknown = await api.GetAsync($"/v1/consents/cns_{Guid.NewGuid():N}", Cancel);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var bad = await api.PostAsJsonAsync("/v1/consents", new { permissions = Array.Empty<string>() }, Cancel))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        }

        var usage = await UsageOnceCountedAsync(asDeveloper, app.ClientId, 7, "range=1h&groupBy=endpoint,status");

        Assert.Equal(["GET /v1/accounts 200 3", "GET /v1/consents/{consentId} 404 2", "POST /v1/consents 201 1", "POST /v1/consents 422 1"], Groups(usage));
        var totals = usage.GetProperty("totals");
        Assert.Equal((7, 3, 3, 0), (totals.GetProperty("calls").GetInt64(), totals.GetProperty("errors").GetInt64(),
            totals.GetProperty("clientErrors").GetInt64(), totals.GetProperty("serverErrors").GetInt64()));
        Assert.True(totals.GetProperty("p95Ms").GetDouble() >= totals.GetProperty("p50Ms").GetDouble());
        var series = usage.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(60, series.Count);
        Assert.Equal(7, series.Sum(point => point.GetProperty("figures").GetProperty("calls").GetInt64()));

        using var csv = await asDeveloper.GetAsync($"/v1/apps/{app.ClientId}/usage.csv?range=1h&groupBy=endpoint,status", Cancel);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"usage-{app.ClientId}-1h.csv", csv.Content.Headers.ContentDisposition.FileNameStar ?? csv.Content.Headers.ContentDisposition.FileName);
        var lines = (await csv.Content.ReadAsStringAsync(Cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("bucket_start,method,route,status,calls,errors,client_errors,server_errors,avg_ms,p50_ms,p95_ms,max_ms", lines[0]);
        var csvCounts = lines.Skip(1).Select(line => line.Split(','))
            .GroupBy(cells => $"{cells[1]} {cells[2]} {cells[3]}").Select(g => $"{g.Key} {g.Sum(cells => long.Parse(cells[4]))}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(Groups(usage), csvCounts);

        // Readiness from the same rollups and the consent the customer authorised.
        var readiness = await asDeveloper.GetFromJsonAsync<JsonElement>($"/v1/apps/{app.ClientId}/readiness?scopes=accounts.read", Cancel);
        Assert.Equal((7, 3, 1), (readiness.GetProperty("calls").GetInt64(), readiness.GetProperty("clientErrors").GetInt64(),
            readiness.GetProperty("consentsAuthorised").GetInt32()));
        Assert.Equal(["GET /v1/accounts 3", "POST /v1/consents 1"], readiness.GetProperty("endpoints").EnumerateArray()
            .Select(e => $"{e.GetProperty("method").GetString()} {e.GetProperty("route").GetString()} {e.GetProperty("successfulCalls").GetInt64()}"));
        var checks = Checks(readiness);
        Assert.True(checks["accounts_read"].Passed);
        Assert.True(checks["consent_journey"].Passed);
        Assert.False(checks["payment_journey"].Passed);
        Assert.False(checks["payment_journey"].Required);
    }

    [Fact]
    public async Task Another_developer_gets_404_for_someone_elses_apps_usage_csv_and_readiness()
    {
        var (_, _, app, _) = await _journey.Webhooks.NewAppAsync();
        var stranger = await _journey.Journeys.NewVerifiedDeveloperAsync();
        using var asStranger = await DeveloperApiAsync(stranger);

        foreach (var path in new[] { "usage", "usage.csv", "readiness" })
        {
            using var response = await asStranger.GetAsync($"/v1/apps/{app.ClientId}/{path}", Cancel);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("app_not_found", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Readiness_shows_a_completed_payment_journey_for_an_app_that_wants_payments()
    {
        var (developer, _, app, _) = await _journey.Webhooks.NewAppAsync();
        using var asDeveloper = await DeveloperApiAsync(developer);
        using var payer = await _journey.Payments.AppApiAsync(app);
        var debtor = await _journey.Payments.OpenFundedAccountAsync(0, 1_000m);

        var payment = await _journey.PayAsync(app, "amina", debtor, PaymentJourney.Initiation(amount: "10.00", debtorAccountId: debtor));
        Assert.Equal("Completed", (await PaymentJourney.FinalStatusAsync(payer, payment)).GetProperty("status").GetString());

        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var readiness = await asDeveloper.GetFromJsonAsync<JsonElement>($"/v1/apps/{app.ClientId}/readiness?scopes=payments.write", Cancel);
            var checks = Checks(readiness);
            var submitted = readiness.GetProperty("endpoints").EnumerateArray().Any(e => e.GetProperty("route").GetString() == "/v1/payments");
            if (submitted)
            {
                Assert.Equal(1, readiness.GetProperty("paymentsCompleted").GetInt32());
                Assert.Equal((true, true), (checks["payment_journey"].Passed, checks["payment_journey"].Required));
                Assert.True(checks["consent_journey"].Passed);
                Assert.False(checks["accounts_read"].Required);
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"POST /v1/payments never showed in readiness: {readiness}");
            await Task.Delay(500, Cancel);
        }
    }

    [Fact]
    public async Task Two_api_replicas_meter_into_the_same_rollups()
    {
        var (developer, _, app, api) = await _journey.Webhooks.NewAppAsync();
        using var asDeveloper = await DeveloperApiAsync(developer);
        var token = api.DefaultRequestHeaders.Authorization!.Parameter!;

        using (var replica = new ApiReplica(platform))
        {
            using var viaReplica = replica.As(token);
            for (var i = 0; i < 3; i++)
            {
                using var response = await viaReplica.GetAsync("/v1/webhook-endpoints", Cancel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                // The whole answer, so the replica has finished the request before it is stopped.
                await response.Content.ReadAsStringAsync(Cancel);
            }
        }

        // Disposed: the replica flushed its buffer as it stopped.
        for (var i = 0; i < 4; i++)
        {
            using var response = await api.GetAsync("/v1/webhook-endpoints", Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var usage = await UsageOnceCountedAsync(asDeveloper, app.ClientId, 7, "range=1h&groupBy=endpoint,status");
        Assert.Equal(["GET /v1/webhook-endpoints 200 7"], Groups(usage));
    }

    [Fact]
    public async Task Rollups_racing_each_other_and_the_workers_count_every_call_once()
    {
        var clientId = $"sbx_race{Guid.NewGuid():N}";
        var now = DateTime.UtcNow.Ticks;
        var minute = new DateTimeOffset(now - now % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        await using var bank = NpgsqlDataSource.Create(platform.App.GetConnectionString("bankdb"));
        const int Calls = 6000;
        await using (var connection = await bank.OpenConnectionAsync(Cancel))
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY api_calls ("ClientId", "Method", "Route", "Status", "DurationMs", "OccurredAt", "Tier", "RolledUp") FROM STDIN (FORMAT BINARY)""", Cancel))
        {
            for (var i = 0; i < Calls; i++)
            {
                await copy.WriteRowAsync(Cancel, clientId, "GET", "/v1/accounts", i % 10 == 0 ? 500 : 200, (double)(i % 700), minute.AddSeconds(i % 50), "Sandbox", false);
            }

            await copy.CompleteAsync(Cancel);
        }

        // Two racers in small batches, beside the stack's own workers, until nothing is left to count.
        var racers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while ((await UsageRollups.RollUpAsync(bank, 250, Cancel)).Calls > 0)
            {
            }
        }, Cancel));
        await Task.WhenAll(racers);
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (await ScalarAsync(bank, """SELECT count(*) FROM api_calls WHERE "ClientId" = @client AND NOT "RolledUp" """, clientId) > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "Raw calls are still not rolled up");
            await Task.Delay(200, Cancel);
        }

        Assert.Equal(Calls, await ScalarAsync(bank, """SELECT sum("Calls") FROM api_usage_minutes WHERE "ClientId" = @client""", clientId));
        Assert.Equal(Calls / 10, await ScalarAsync(bank, """SELECT sum("Calls") FROM api_usage_minutes WHERE "ClientId" = @client AND "Status" = 500""", clientId));
        // Every call in exactly one latency bucket, and one minute row per status.
        Assert.Equal(Calls, await ScalarAsync(bank, """SELECT sum(b) FROM api_usage_minutes, unnest("Buckets") AS b WHERE "ClientId" = @client""", clientId));
        Assert.Equal(2, await ScalarAsync(bank, """SELECT count(*) FROM api_usage_minutes WHERE "ClientId" = @client""", clientId));
    }

    [Fact]
    public async Task Retention_deletes_counted_raw_calls_after_two_days_and_minutes_after_thirty()
    {
        var clientId = $"sbx_old{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        await using var bank = NpgsqlDataSource.Create(platform.App.GetConnectionString("bankdb"));
        await using (var connection = await bank.OpenConnectionAsync(Cancel))
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY api_calls ("ClientId", "Method", "Route", "Status", "DurationMs", "OccurredAt", "Tier", "RolledUp") FROM STDIN (FORMAT BINARY)""", Cancel))
        {
            // Counted and 3 days old (goes), counted and 1 day old (stays), never counted and 3 days old (stays: in no rollup yet).
            await copy.WriteRowAsync(Cancel, clientId, "GET", "/v1/accounts", 200, 5.0, now.AddDays(-3), "Sandbox", true);
            await copy.WriteRowAsync(Cancel, clientId, "GET", "/v1/accounts", 200, 5.0, now.AddDays(-1), "Sandbox", true);
            await copy.WriteRowAsync(Cancel, clientId, "GET", "/v1/accounts", 201, 5.0, now.AddDays(-3), "Sandbox", false);
            await copy.CompleteAsync(Cancel);
        }

        foreach (var age in new[] { 31, 29 })
        {
            await using var minute = bank.CreateCommand("""
                INSERT INTO api_usage_minutes ("ClientId", "Minute", "Method", "Route", "Status", "Calls", "TotalDurationMs", "MaxDurationMs", "Buckets")
                VALUES (@client, @at, 'GET', '/v1/accounts', 200, 1, 5, 5, @buckets)
                """);
            minute.Parameters.AddWithValue("client", clientId);
            minute.Parameters.AddWithValue("at", now.AddDays(-age));
            minute.Parameters.AddWithValue("buckets", new long[LatencyBuckets.Count]);
            await minute.ExecuteNonQueryAsync(Cancel);
        }

        await UsageRollups.SweepAsync(bank, now, new UsagePolicy(), Cancel);

        Assert.Equal(2, await ScalarAsync(bank, """SELECT count(*) FROM api_calls WHERE "ClientId" = @client""", clientId));
        Assert.Equal(1, await ScalarAsync(bank, """SELECT count(*) FROM api_calls WHERE "ClientId" = @client AND NOT "RolledUp" """, clientId));
        Assert.Equal(1, await ScalarAsync(bank, """SELECT count(*) FROM api_usage_minutes WHERE "ClientId" = @client""", clientId));
        Assert.Equal(1, await ScalarAsync(bank, """SELECT count(*) FROM api_usage_minutes WHERE "ClientId" = @client AND "Minute" > now() - interval '30 days'""", clientId));
    }

    private async Task<HttpClient> DeveloperApiAsync(Person developer) =>
        _journey.Consents.Api((await _journey.Journeys.PortalTokensAsync(developer, PortalScopes)).GetProperty("access_token").GetString()!);

    /// <summary>Polls the usage API until the workers have rolled up <paramref name="calls"/> calls (never more).</summary>
    private static async Task<JsonElement> UsageOnceCountedAsync(HttpClient developer, string clientId, long calls, string query)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            using var response = await developer.GetAsync($"/v1/apps/{clientId}/usage?{query}", Cancel);
            var body = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            var usage = JsonDocument.Parse(body).RootElement.Clone();
            var counted = usage.GetProperty("totals").GetProperty("calls").GetInt64();
            Assert.True(counted <= calls, $"More calls than were made: {body}");
            if (counted == calls)
            {
                // And it stays so: nothing is counted twice by a later rollup.
                await Task.Delay(TimeSpan.FromSeconds(6), Cancel);
                var again = await developer.GetFromJsonAsync<JsonElement>($"/v1/apps/{clientId}/usage?{query}", Cancel);
                Assert.Equal(calls, again.GetProperty("totals").GetProperty("calls").GetInt64());
                return usage;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Only {counted} of {calls} calls counted: {body}");
            await Task.Delay(500, Cancel);
        }
    }

    private static List<string> Groups(JsonElement usage) =>
    [
        .. usage.GetProperty("groups").EnumerateArray()
            .Select(g => $"{g.GetProperty("method").GetString()} {g.GetProperty("route").GetString()} {g.GetProperty("status").GetInt32()} {g.GetProperty("figures").GetProperty("calls").GetInt64()}")
            .Order(StringComparer.Ordinal),
    ];

    private static Dictionary<string, (bool Passed, bool Required)> Checks(JsonElement readiness) =>
        readiness.GetProperty("checks").EnumerateArray().ToDictionary(
            check => check.GetProperty("name").GetString()!,
            check => (check.GetProperty("passed").GetBoolean(), check.GetProperty("required").GetBoolean()));

    private static async Task<long> ScalarAsync(NpgsqlDataSource bank, string sql, string clientId)
    {
        await using var command = bank.CreateCommand(sql);
        command.Parameters.AddWithValue("client", clientId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
