using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;

namespace Wekeza.IntegrationTests.CoreBanking;

/// <summary>The built-in ledger on the stack's real bankdb, under concurrent writers.</summary>
public sealed class LedgerTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_entries_keep_every_balance_equal_to_its_postings_and_every_currency_at_zero()
    {
        var (a, b) = (await OpenAccountAsync(), await OpenAccountAsync());
        await PostAsync(new NewEntry(DateTimeOffset.UtcNow, "Funding", "test", null, null,
            [new(a, 50_000m), new(SandboxSeed.ClearingAccountId("KES"), -50_000m)]));

        // 8 writers, 25 entries each, all touching the same two accounts (and the bank's clearing account): the rows
        // they fight over are exactly the ones whose balances must come out right.
        var booked = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            var entries = new List<NewEntry>();
            for (var i = 0; i < 25; i++)
            {
                var amount = random.Next(1, 50_000) / 100m;
                NewEntry entry = (i % 3) switch
                {
                    0 => new(DateTimeOffset.UtcNow, "A to B", "test", null, null, [new(a, -amount), new(b, amount)]),
                    1 => new(DateTimeOffset.UtcNow, "B to A", "test", null, null, [new(b, -amount), new(a, amount)]),
                    _ => new(DateTimeOffset.UtcNow, "Fee", "test", null, null, [new(a, -amount), new(SandboxSeed.ClearingAccountId("KES"), amount)]),
                };
                await PostAsync(entry);
                entries.Add(entry);
            }

            return entries;
        }, Cancel)));

        await using var db = platform.BankDb();
        var expected = 50_000m + booked.SelectMany(e => e).SelectMany(e => e.Postings).Where(p => p.AccountId == a).Sum(p => p.Amount);
        foreach (var id in new[] { a, b, SandboxSeed.ClearingAccountId("KES") })
        {
            var account = await db.Accounts.AsNoTracking().SingleAsync(x => x.Id == id, Cancel);
            var postings = await db.Postings.AsNoTracking().Where(p => p.AccountId == id).OrderBy(p => p.Id).ToListAsync(Cancel);
            Assert.Equal(postings.Sum(p => p.Amount), account.BookedBalance);
            // Each posting's balance-after continues the previous one: no two writers read the same balance.
            for (var i = 1; i < postings.Count; i++)
            {
                Assert.Equal(postings[i - 1].BalanceAfter + postings[i].Amount, postings[i].BalanceAfter);
            }
        }

        Assert.Equal(expected, (await db.Accounts.AsNoTracking().SingleAsync(x => x.Id == a, Cancel)).BookedBalance);
        var perCurrency = await db.Postings.GroupBy(p => p.Currency).Select(g => new { g.Key, Sum = g.Sum(p => p.Amount) }).ToListAsync(Cancel);
        Assert.All(perCurrency, currency => Assert.Equal(0m, currency.Sum));
    }

    [Theory]
    [InlineData(100, -99)]
    [InlineData(100.001, -100.001)]
    public async Task An_entry_that_breaks_a_rule_is_refused_and_books_nothing(decimal credit, decimal debit)
    {
        var (a, b) = (await OpenAccountAsync(), await OpenAccountAsync());

        await Assert.ThrowsAsync<LedgerException>(() => PostAsync(new NewEntry(DateTimeOffset.UtcNow, "Bad", "test", null, null, [new(a, credit), new(b, debit)])));

        await using var db = platform.BankDb();
        Assert.False(await db.Postings.AnyAsync(p => p.AccountId == a || p.AccountId == b, Cancel));
        Assert.Equal(0m, (await db.Accounts.SingleAsync(x => x.Id == a, Cancel)).BookedBalance);
    }

    [Fact]
    public async Task Paging_a_statement_neither_skips_nor_repeats_while_new_entries_arrive()
    {
        var account = await OpenAccountAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        for (var i = 0; i < 120; i++)
        {
            await PostAsync(new NewEntry(start.AddSeconds(i), $"Existing {i}", "test", null, null,
                [new(account, 10m), new(SandboxSeed.ClearingAccountId("KES"), -10m)]));
        }

        await using var db = platform.BankDb();
        var ledger = new Ledger(db);
        var seen = new List<long>();
        StatementPosition? after = null;
        var arrivals = 0;
        while (true)
        {
            var page = await ledger.StatementAsync(account, start.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), after, StatementDirection.Older, 25, Cancel);
            seen.AddRange(page.Select(line => line.PostingId));
            if (page.Count < 25)
            {
                break;
            }

            after = new StatementPosition(page[^1].BookedAt, page[^1].PostingId);
            // New money arrives between every two pages.
            for (var i = 0; i < 5; i++, arrivals++)
            {
                await PostAsync(new NewEntry(DateTimeOffset.UtcNow, $"New {arrivals}", "test", null, null,
                    [new(account, 1m), new(SandboxSeed.ClearingAccountId("KES"), -1m)]));
            }
        }

        var existing = await db.Postings.Where(p => p.AccountId == account && p.Amount == 10m).Select(p => p.Id).ToListAsync(Cancel);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(existing.Order(), seen.Where(existing.Contains).Order());
        Assert.True(arrivals > 0);
    }

    private async Task PostAsync(NewEntry entry)
    {
        await using var db = platform.BankDb();
        await new Ledger(db).PostAsync(entry, Cancel);
    }

    private async Task<string> OpenAccountAsync()
    {
        await using var db = platform.BankDb();
        var account = new Account
        {
            Id = $"acc_test_{Guid.NewGuid():N}"[..30], Kind = AccountKinds.Internal, Currency = "KES", Name = "Ledger test",
            Number = Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(), OpenedAt = DateTimeOffset.UtcNow,
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync(Cancel);
        return account.Id;
    }
}
