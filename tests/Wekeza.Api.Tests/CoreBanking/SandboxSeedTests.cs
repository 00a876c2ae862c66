using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
    public void Every_test_customer_has_several_accounts_and_a_year_of_history_in_kes_and_another_currency_exists()
    {
        Assert.Equal(TestCustomers.All.Select(p => p.Subject), Seed.Customers.Select(c => c.Subject));
        Assert.All(Seed.Customers, customer => Assert.True(customer.Sandbox));
        foreach (var (customer, persona) in Seed.Customers.Zip(TestCustomers.All))
        {
            var accounts = Seed.Accounts.Where(a => a.CustomerId == customer.Id).ToList();
            Assert.True(accounts.Count >= 2, $"{persona.Handle} has {accounts.Count} account(s)");
            var ids = accounts.Where(a => a.Currency == "KES").Select(a => a.Id).ToHashSet();
            var dates = Seed.Entries.Where(e => e.Postings.Any(p => ids.Contains(p.AccountId))).Select(e => e.BookedAt).ToList();
            Assert.Equal(SandboxSeed.HistoryStart, dates.Min());
            if (persona.Kind == "dormant")
            {
                Assert.True(dates.Max() < SandboxSeed.HistoryStart.AddMonths(SandboxSeed.DormantAfterMonths), $"{persona.Handle} moved on {dates.Max():yyyy-MM-dd}");
                Assert.All(accounts, account => Assert.Equal(SandboxSeed.AccountStatusDormant, account.Status));
            }
            else
            {
                Assert.True(dates.Max() - dates.Min() > TimeSpan.FromDays(330), $"{persona.Handle}'s KES history ends on {dates.Max():yyyy-MM-dd}");
                Assert.All(accounts, account => Assert.Equal("active", account.Status));
            }
        }

        Assert.Contains(Seed.Accounts, a => a.CustomerId is not null && a.Currency != "KES");
        Assert.Equal(Seed.Accounts.Count, Seed.Accounts.Select(a => a.Number).Distinct().Count());
    }

    [Fact]
    public void Account_ids_and_numbers_follow_the_customers_position()
    {
        foreach (var (customer, index) in Seed.Customers.Select((c, i) => (c, i + 1)))
        {
            Assert.Equal($"cus_{index:D4}", customer.Id);
            foreach (var (account, n) in Seed.Accounts.Where(a => a.CustomerId == customer.Id).Select((a, i) => (a, i + 1)))
            {
                Assert.Equal($"acc_{index:D4}{n:D2}", account.Id);
                Assert.Equal($"01{index:D6}{n:D4}", account.Number);
            }
        }

        Assert.Equal(15, Seed.Accounts.Count);
        Assert.Equal(845, Seed.Entries.Count);
    }

    [Fact]
    public void The_personas_balances_are_what_they_are_for()
    {
        var balances = Seed.Accounts.ToDictionary(a => a.Id, a => a.BookedBalance);

        Assert.True(balances["acc_000401"] > 10_000_000m, $"David's current account holds {balances["acc_000401"]}");
        Assert.True(balances["acc_000501"] is >= 0m and < 100m, $"Grace's current account holds {balances["acc_000501"]}");
        Assert.True(balances["acc_000502"] is >= 0m and < 100m, $"Grace's savings pot holds {balances["acc_000502"]}");
    }

    /// <summary>
    /// The first three personas' histories as they were before more personas and accounts were added (docs, the bench and
    /// the integration tests quote them): the same postings, balances and closing figures, to the cent.
    /// </summary>
    [Theory]
    [InlineData("acc_000101", "010000010001", 157, "1095607.26", "82249B5E975B8C97")]
    [InlineData("acc_000102", "010000010002", 13, "300000.00", "E1FBCFEAF4953156")]
    [InlineData("acc_000201", "010000020001", 217, "879321.69", "490924A0E8472186")]
    [InlineData("acc_000202", "010000020002", 25, "22485.55", "988068676DCEC6EA")]
    [InlineData("acc_000301", "010000030001", 85, "92106.09", "6D39950CE43DC63B")]
    public void The_original_personas_history_is_unchanged(string accountId, string number, int postings, string balance, string history)
    {
        var account = Seed.Accounts.Single(a => a.Id == accountId);
        var lines = Seed.Entries.SelectMany(e => e.Postings.Select(p => (Entry: e, Posting: p))).Where(x => x.Posting.AccountId == accountId).ToList();
        var text = string.Join("|", lines.Select(x => string.Create(CultureInfo.InvariantCulture,
            $"{x.Entry.BookedAt:O};{x.Entry.Description};{x.Entry.Counterparty};{x.Entry.Reference};{x.Posting.Amount};{x.Posting.BalanceAfter}")));

        Assert.Equal(number, account.Number);
        Assert.Equal(postings, lines.Count);
        Assert.Equal(decimal.Parse(balance, CultureInfo.InvariantCulture), account.BookedBalance);
        Assert.Equal(history, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]);
    }

    [Fact]
    public void A_fresh_bank_gets_the_whole_seed()
    {
        var addition = SandboxSeed.Missing(new HashSet<string>(), new Dictionary<string, decimal>());

        Assert.Equal(Seed.Customers.Select(c => c.Id), addition.Customers.Select(c => c.Id));
        Assert.Equal(Seed.Accounts.Select(a => (a.Id, a.BookedBalance)), addition.Accounts.Select(a => (a.Id, a.BookedBalance)));
        Assert.Equal(Fingerprint(Seed), Fingerprint(new SandboxSeed.Data(addition.Customers, addition.Accounts, addition.Entries)));
        Assert.Empty(addition.Balances);
    }

    [Fact]
    public void A_bank_seeded_with_the_first_three_personas_gets_the_new_personas_and_accounts_with_the_clearing_accounts_running_on()
    {
        string[] before = ["acc_000101", "acc_000102", "acc_000201", "acc_000202", "acc_000301"];
        var clearingKes = SandboxSeed.ClearingAccountId("KES");
        var clearingUsd = SandboxSeed.ClearingAccountId("USD");
        // What the clearing accounts hold after the old seed and whatever the bank booked since.
        var present = before.ToDictionary(id => id, id => Seed.Accounts.Single(a => a.Id == id).BookedBalance);
        present[clearingKes] = -2_367_135.04m;
        present[clearingUsd] = -22_485.55m;

        var addition = SandboxSeed.Missing(new HashSet<string> { "cus_0001", "cus_0002", "cus_0003" }, present);

        Assert.Equal(["cus_0004", "cus_0005", "cus_0006"], addition.Customers.Select(c => c.Id));
        Assert.Equal(["acc_000302", "acc_000401", "acc_000402", "acc_000403", "acc_000501", "acc_000502", "acc_000601", "acc_000602"],
            addition.Accounts.Select(a => a.Id));
        var expected = Seed.Accounts.ToDictionary(a => a.Id, a => a.BookedBalance);
        Assert.All(addition.Accounts, account => Assert.Equal(expected[account.Id], account.BookedBalance));

        // Only the new accounts' history, each entry against the bank's clearing account, none touching an old account.
        var added = addition.Accounts.Select(a => a.Id).ToHashSet();
        Assert.All(addition.Entries, entry => Assert.All(entry.Postings, p => Assert.True(added.Contains(p.AccountId) || p.AccountId.StartsWith("acc_bank_clearing_"))));
        Assert.Equal(Seed.Entries.Count(e => e.Postings.Any(p => added.Contains(p.AccountId))), addition.Entries.Count);

        foreach (var clearing in new[] { clearingKes, clearingUsd })
        {
            var postings = addition.Entries.SelectMany(e => e.Postings).Where(p => p.AccountId == clearing).ToList();
            var running = present[clearing];
            Assert.All(postings, posting => Assert.Equal(running += posting.Amount, posting.BalanceAfter));
            Assert.Equal(running, addition.Balances[clearing]);
        }

        Assert.Equal([clearingKes, clearingUsd], addition.Balances.Keys.Order());
    }

    [Fact]
    public void A_bank_with_the_whole_seed_gets_nothing()
    {
        var addition = SandboxSeed.Missing(Seed.Customers.Select(c => c.Id).ToHashSet(), Seed.Accounts.ToDictionary(a => a.Id, a => a.BookedBalance));

        Assert.True(addition.IsEmpty);
        Assert.Empty(addition.Balances);
    }

    [Theory]
    [InlineData("grace", "grace")]
    [InlineData("GRACE", "grace")]
    [InlineData("Joseph.Mwangi@Sandbox.Wekeza.Test", "joseph")]
    [InlineData(" amina ", "amina")]
    public void A_test_customer_is_found_by_handle_or_email_in_any_case(string given, string handle)
    {
        Assert.Equal(handle, TestCustomers.Find(given)?.Handle);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("mercy")]
    [InlineData("amina@sandbox.wekeza.test")]
    public void An_unknown_test_customer_is_not_found(string? given)
    {
        Assert.Null(TestCustomers.Find(given));
    }

    [Fact]
    public void Handles_and_emails_are_unique_and_subjects_continue_the_pattern()
    {
        Assert.Equal(["amina", "brian", "faith", "david", "grace", "joseph"], TestCustomers.All.Select(p => p.Handle));
        Assert.Equal(TestCustomers.All.Count, TestCustomers.All.Select(p => p.Email).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(TestCustomers.All.Select((p, i) => (p, i + 1)), pair =>
        {
            Assert.Equal($"3b0f6a52-5c1e-4b8e-9a51-{pair.Item2:D12}", pair.p.Subject);
            Assert.StartsWith(pair.p.Handle + ".", pair.p.Email, StringComparison.Ordinal);
            Assert.EndsWith("@sandbox.wekeza.test", pair.p.Email, StringComparison.Ordinal);
        });
    }

    private static string Fingerprint(SandboxSeed.Data data) => string.Join("|", data.Entries.Select(e =>
        $"{e.BookedAt:O};{e.Description};{e.Counterparty};{string.Join(",", e.Postings.Select(p => $"{p.AccountId}:{p.Amount}:{p.BalanceAfter}"))}"));
}
