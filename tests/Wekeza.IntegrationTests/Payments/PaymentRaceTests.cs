using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.Identity;

namespace Wekeza.IntegrationTests.Payments;

/// <summary>Many payments racing on one account: the ledger's row lock decides, and the balance never goes below zero.</summary>
public sealed class PaymentRaceTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly PaymentJourney _journey = new(platform);

    [Fact]
    public async Task A_hundred_concurrent_payments_from_an_account_that_can_afford_fifty_complete_exactly_fifty()
    {
        var (_, _, app) = await _journey.Consents.NewAppAsync();
        var debtor = await _journey.OpenFundedAccountAsync(2, 5_000m);
        var initiation = PaymentJourney.Initiation(amount: "100.00", reference: "RACE");

        // A hundred single-payment consents, each authorised by the customer (one signed-in browser).
        using var browser = new Browser(platform);
        var authorised = new List<(string ConsentId, HttpClient Api)>();
        for (var i = 0; i < 100; i++)
        {
            authorised.Add(await _journey.AuthorisedAsync(app, initiation, ConsentJourney.Customer(2), debtor, browser));
        }

        var submitted = await Task.WhenAll(authorised.Select(a => Task.Run(async () =>
        {
            using var response = await PaymentJourney.SubmitAsync(a.Api, a.ConsentId, initiation, PaymentJourney.NewKey());
            return await PaymentJourney.AcceptedAsync(response);
        }, Cancel)));
        var finals = await Task.WhenAll(submitted.Select((id, i) => PaymentJourney.FinalStatusAsync(authorised[i].Api, id, TimeSpan.FromSeconds(60))));

        Assert.Equal(50, finals.Count(f => f.GetProperty("status").GetString() == "Completed"));
        Assert.Equal(50, finals.Count(f => f.GetProperty("status").GetString() == "Rejected" && f.GetProperty("reasonCode").GetString() == "insufficient_funds"));
        Assert.Equal(0m, await _journey.BalanceAsync(debtor));
        await using var db = platform.BankDb();
        Assert.True(await db.Postings.Where(p => p.AccountId == debtor).AllAsync(p => p.BalanceAfter >= 0, Cancel));
        Assert.Equal(51, await db.Postings.CountAsync(p => p.AccountId == debtor, Cancel)); // the funding and fifty debits
        await _journey.AssertLedgerBalancesAsync();
        foreach (var (_, api) in authorised)
        {
            api.Dispose();
        }
    }

    [Fact]
    public async Task Payments_in_opposite_directions_between_two_accounts_queue_on_the_locks_and_never_deadlock()
    {
        var (_, _, app) = await _journey.Consents.NewAppAsync();
        var faiths = await _journey.OpenFundedAccountAsync(2, 1_000m);
        var brians = await _journey.OpenFundedAccountAsync(1, 1_000m);
        await using (var db = platform.BankDb())
        {
            var numbers = await db.Accounts.Where(a => a.Id == faiths || a.Id == brians).ToDictionaryAsync(a => a.Id, a => a.Number, Cancel);
            using var faith = new Browser(platform);
            using var brian = new Browser(platform);
            var payments = new List<(string ConsentId, HttpClient Api, Dictionary<string, object?> Initiation)>();
            for (var i = 0; i < 8; i++)
            {
                var toBrian = PaymentJourney.Initiation(amount: "10.00", identification: numbers[brians], reference: $"SWAP-{i}");
                var (a, apiA) = await _journey.AuthorisedAsync(app, toBrian, ConsentJourney.Customer(2), faiths, faith);
                payments.Add((a, apiA, toBrian));
                var toFaith = PaymentJourney.Initiation(amount: "10.00", identification: numbers[faiths], creditorName: "Faith Chebet", reference: $"SWAP-{i}");
                var (b, apiB) = await _journey.AuthorisedAsync(app, toFaith, ConsentJourney.Customer(1), brians, brian);
                payments.Add((b, apiB, toFaith));
            }

            var deadlocksBefore = await DeadlocksAsync(db);
            var ids = await Task.WhenAll(payments.Select(p => Task.Run(async () =>
            {
                using var response = await PaymentJourney.SubmitAsync(p.Api, p.ConsentId, p.Initiation, PaymentJourney.NewKey());
                return await PaymentJourney.AcceptedAsync(response);
            }, Cancel)));
            var finals = await Task.WhenAll(ids.Select((id, i) => PaymentJourney.FinalStatusAsync(payments[i].Api, id, TimeSpan.FromSeconds(60))));

            Assert.All(finals, f => Assert.Equal("Completed", f.GetProperty("status").GetString()));
            Assert.Equal(1_000m, await _journey.BalanceAsync(faiths));
            Assert.Equal(1_000m, await _journey.BalanceAsync(brians));
            // PostgreSQL counts every deadlock it broke; the ledger's one lock order means there were none to break.
            Assert.Equal(deadlocksBefore, await DeadlocksAsync(db));
            foreach (var (_, api, _) in payments)
            {
                api.Dispose();
            }
        }
    }

    private static async Task<long> DeadlocksAsync(Wekeza.Banking.CoreBanking.BankDbContext db) =>
        await db.Database.SqlQuery<long>($"SELECT deadlocks AS \"Value\" FROM pg_stat_database WHERE datname = current_database()").SingleAsync(Cancel);
}
