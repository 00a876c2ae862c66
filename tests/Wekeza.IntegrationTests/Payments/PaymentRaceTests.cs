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
}
