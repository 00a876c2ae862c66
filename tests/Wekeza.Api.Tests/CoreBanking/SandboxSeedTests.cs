using Wekeza.Banking.CoreBanking;
using Wekeza.ServiceDefaults.Sandbox;

namespace Wekeza.Api.Tests.CoreBanking;

public sealed class SandboxSeedTests
{
    private static readonly SandboxSeed.Data Seed = SandboxSeed.Generate();

    [Fact]
    public void The_seed_is_the_same_every_time()
    {
        var again = SandboxSeed.Generate();

        Assert.Equal(Fingerprint(Seed), Fingerprint(again));
    }

    [Fact]
    public void Every_entry_balances_per_currency_and_every_posting_is_in_its_accounts_currency()
    {
        var currencies = Seed.Accounts.ToDictionary(a => a.Id, a => a.Currency);

        Assert.All(Seed.Entries, entry =>
        {
            Assert.True(entry.Postings.Count >= 2);
            Assert.All(entry.Postings.GroupBy(p => p.Currency), currency => Assert.Equal(0m, currency.Sum(p => p.Amount)));
            Assert.All(entry.Postings, posting => Assert.Equal(currencies[posting.AccountId], posting.Currency));
        });
    }

    [Fact]
    public void Balances_are_the_running_sum_of_postings_and_no_customer_account_is_ever_overdrawn()
    {
        foreach (var account in Seed.Accounts)
        {
            var postings = Seed.Entries.SelectMany(e => e.Postings).Where(p => p.AccountId == account.Id).ToList();
            var running = 0m;
            foreach (var posting in postings)
            {
                running += posting.Amount;
                Assert.Equal(running, posting.BalanceAfter);
                if (account.Kind != AccountKinds.Internal)
                {
                    Assert.True(posting.BalanceAfter >= 0, $"{account.Id} goes to {posting.BalanceAfter} on {posting.BookedAt:yyyy-MM-dd}");
                }
            }

            Assert.Equal(running, account.BookedBalance);
        }
    }

    [Fact]
    public void Every_test_customer_has_accounts_and_a_year_of_history_in_kes_and_another_currency_exists()
    {
        Assert.Equal(TestCustomers.All.Select(p => p.Subject), Seed.Customers.Select(c => c.Subject));
        foreach (var customer in Seed.Customers)
        {
            var accounts = Seed.Accounts.Where(a => a.CustomerId == customer.Id).Select(a => a.Id).ToHashSet();
            Assert.NotEmpty(accounts);
            var dates = Seed.Entries.Where(e => e.Postings.Any(p => accounts.Contains(p.AccountId))).Select(e => e.BookedAt).ToList();
            Assert.True(dates.Max() - dates.Min() > TimeSpan.FromDays(330));
        }

        Assert.Contains(Seed.Accounts, a => a.CustomerId is not null && a.Currency != "KES");
        Assert.Equal(Seed.Accounts.Count, Seed.Accounts.Select(a => a.Number).Distinct().Count());
    }

    private static string Fingerprint(SandboxSeed.Data data) => string.Join("|", data.Entries.Select(e =>
        $"{e.BookedAt:O};{e.Description};{e.Counterparty};{string.Join(",", e.Postings.Select(p => $"{p.AccountId}:{p.Amount}:{p.BalanceAfter}"))}"));
}
