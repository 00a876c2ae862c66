using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.Identity;

namespace Wekeza.IntegrationTests.Payments;

/// <summary>
/// Payments in flight while the platform's parts fail: the workers killed with SIGKILL, RabbitMQ restarted, bankdb's
/// connections cut. Afterwards every accepted payment reached one final state exactly once, and the ledger still
/// sums to zero.
/// </summary>
public sealed class PaymentFaultTests(PlatformFixture platform)
{
    private const decimal Funding = 10_000m;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly PaymentJourney _journey = new(platform);

    [Fact]
    public async Task Workers_killed_with_sigkill_mid_processing_leave_every_payment_final_exactly_once()
    {
        var batch = await SubmitBatchAsync(24);
        await WaitUntilAsync(async db => await db.Payments.CountAsync(p => batch.Ids.Contains(p.Id) && p.Status != "Pending", Cancel) >= 4);

        await AssertSomeInFlightAsync(batch);
        var workers = platform.App.GetResource("workers");
        using (var process = Process.GetProcessById(workers.Processes.Last().Id))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Cancel);
        }

        await platform.App.RestartAsync("workers", Cancel);
        await AssertAllFinalExactlyOnceAsync(batch);
    }

    [Fact]
    public async Task A_rabbitmq_restart_mid_processing_loses_no_payment()
    {
        var batch = await SubmitBatchAsync(16);
        await AssertSomeInFlightAsync(batch);
        await platform.App.RestartAsync("messaging", Cancel);
        await AssertAllFinalExactlyOnceAsync(batch);
    }

    [Fact]
    public async Task Bankdb_connections_cut_mid_processing_leave_every_payment_final_exactly_once()
    {
        var batch = await SubmitBatchAsync(16);
        await AssertSomeInFlightAsync(batch);
        for (var round = 0; round < 5; round++)
        {
            // Every other session on bankdb (the api's and the workers') is terminated, as a network blip would.
            // Unpooled: a pooled connection of this test process may itself have been cut in the previous round.
            var unpooled = new NpgsqlConnectionStringBuilder(platform.App.GetConnectionString("bankdb")) { Pooling = false };
            await using var connection = new NpgsqlConnection(unpooled.ConnectionString);
            await connection.OpenAsync(Cancel);
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
            await kill.ExecuteScalarAsync(Cancel);
            await Task.Delay(300, Cancel);
        }

        // This process's own pooled sessions were cut too.
        NpgsqlConnection.ClearAllPools();
        await AssertAllFinalExactlyOnceAsync(batch);
    }

    private sealed record Batch(string DebtorAccountId, List<string> Ids, List<HttpClient> Apis, decimal Amount);

    /// <summary>Payments from one funded account: half to a Wekeza account, half through the (slow) switch.</summary>
    private async Task<Batch> SubmitBatchAsync(int count)
    {
        var (_, _, app) = await _journey.Consents.NewAppAsync();
        var debtor = await _journey.OpenFundedAccountAsync(2, Funding);
        using var browser = new Browser(platform);
        var prepared = new List<(string ConsentId, HttpClient Api, Dictionary<string, object?> Initiation)>();
        for (var i = 0; i < count; i++)
        {
            var initiation = i % 2 == 0
                ? PaymentJourney.Initiation(amount: "10.00", reference: $"FAULT-{i}")
                : PaymentJourney.Initiation(amount: "10.00", scheme: "KE.MobileMoney", identification: "254712345678", reference: $"SWITCH-SLOW-{i}");
            var (consentId, api) = await _journey.AuthorisedAsync(app, initiation, ConsentJourney.Customer(2), debtor, browser);
            prepared.Add((consentId, api, initiation));
        }

        var ids = await Task.WhenAll(prepared.Select(p => Task.Run(async () =>
        {
            using var response = await PaymentJourney.SubmitAsync(p.Api, p.ConsentId, p.Initiation, PaymentJourney.NewKey());
            return await PaymentJourney.AcceptedAsync(response);
        }, Cancel)));
        return new Batch(debtor, [.. ids], [.. prepared.Select(p => p.Api)], 10m);
    }

    /// <summary>The fault must hit work in progress, or the test proves nothing: some payment is not final yet.</summary>
    private async Task AssertSomeInFlightAsync(Batch batch)
    {
        await using var db = platform.BankDb();
        Assert.True(await db.Payments.AnyAsync(p => batch.Ids.Contains(p.Id) && (p.Status == "Pending" || p.Status == "AcceptedSettlementInProcess"), Cancel),
            "Every payment was already final before the fault: nothing was in flight.");
    }

    private async Task AssertAllFinalExactlyOnceAsync(Batch batch)
    {
        await WaitUntilAsync(async db => await db.Payments.CountAsync(p => batch.Ids.Contains(p.Id)
            && (p.Status == "Completed" || p.Status == "Rejected" || p.Status == "Failed"), Cancel) == batch.Ids.Count, TimeSpan.FromSeconds(120));

        await using var db = platform.BankDb();
        var payments = await db.Payments.AsNoTracking().Include(p => p.History).Where(p => batch.Ids.Contains(p.Id)).ToListAsync(Cancel);
        Assert.Equal(batch.Ids.Count, payments.Count);
        Assert.All(payments, p =>
        {
            Assert.Equal("Completed", p.Status);
            // One step per status, never repeated: each step happened once however often its message was delivered.
            Assert.Equal(p.History.Count, p.History.Select(h => h.Status).Distinct().Count());
        });

        // The debtor was debited exactly once per payment: the funding plus one posting each.
        var postings = await db.Postings.AsNoTracking().Where(p => p.AccountId == batch.DebtorAccountId).ToListAsync(Cancel);
        Assert.Equal(1 + batch.Ids.Count, postings.Count);
        Assert.Equal(Funding - batch.Amount * batch.Ids.Count, await _journey.BalanceAsync(batch.DebtorAccountId));
        var settlements = await db.Entries.AsNoTracking().CountAsync(e => e.Category == "settlement" && batch.Ids.Contains(e.Description.Substring(14)), Cancel);
        Assert.Equal(batch.Ids.Count / 2, settlements);
        await _journey.AssertLedgerBalancesAsync();
        foreach (var api in batch.Apis)
        {
            api.Dispose();
        }
    }

    private async Task WaitUntilAsync(Func<Wekeza.Banking.CoreBanking.BankDbContext, Task<bool>> condition, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                await using var db = platform.BankDb();
                if (await condition(db))
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException && DateTimeOffset.UtcNow < deadline)
            {
                // The database is being disturbed on purpose; ask again.
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "The payments did not all reach a final state in time.");
            await Task.Delay(250, Cancel);
        }
    }
}
