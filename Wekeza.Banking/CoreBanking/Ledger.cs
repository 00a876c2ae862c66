using Microsoft.EntityFrameworkCore;

namespace Wekeza.Banking.CoreBanking;

/// <summary>
/// The built-in double-entry ledger on bankdb. Invariants: every entry's postings sum to zero per currency; every
/// posting is in its account's currency; an account's booked balance equals the sum of its postings, and each
/// posting records the balance after it. Concurrent entries on the same account serialise on that account's row.
/// </summary>
public sealed class Ledger(BankDbContext db) : ICoreBanking
{
    public async Task<IReadOnlyList<Account>> AccountsOfAsync(string customerSubject, CancellationToken cancellationToken) =>
        await (from account in db.Accounts.AsNoTracking()
               join customer in db.Customers on account.CustomerId equals customer.Id
               where customer.Subject == customerSubject
               orderby account.OpenedAt, account.Id
               select account).ToListAsync(cancellationToken);

    public Task<Account?> FindAccountAsync(string accountId, CancellationToken cancellationToken) =>
        db.Accounts.AsNoTracking().SingleOrDefaultAsync(account => account.Id == accountId, cancellationToken);

    public async Task<IReadOnlyList<Account>> FindAccountsAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken)
    {
        var ids = accountIds.ToArray();
        return await db.Accounts.AsNoTracking().Where(account => ids.Contains(account.Id)).OrderBy(account => account.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StatementLine>> StatementAsync(string accountId, DateTimeOffset from, DateTimeOffset to,
        StatementPosition? position, StatementDirection direction, int limit, CancellationToken cancellationToken)
    {
        var postings = db.Postings.AsNoTracking()
            .Where(p => p.AccountId == accountId && p.BookedAt >= from && p.BookedAt < to);

        // Row-value comparisons and orderings on (booked_at, id), which PostgreSQL answers from the (account,
        // booked_at, id) index in either direction.
        if (direction == StatementDirection.Older)
        {
            if (position is not null)
            {
                postings = postings.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.BookedAt, p.Id), ValueTuple.Create(position.BookedAt, position.PostingId)));
            }

            return await Lines(postings.OrderByDescending(p => p.BookedAt).ThenByDescending(p => p.Id).Take(limit)).ToListAsync(cancellationToken);
        }

        if (position is not null)
        {
            postings = postings.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.BookedAt, p.Id), ValueTuple.Create(position.BookedAt, position.PostingId)));
        }

        var newer = await Lines(postings.OrderBy(p => p.BookedAt).ThenBy(p => p.Id).Take(limit)).ToListAsync(cancellationToken);
        newer.Reverse();
        return newer;
    }

    private static IQueryable<StatementLine> Lines(IQueryable<Posting> postings) =>
        postings.Select(p => new StatementLine(p.Id, p.EntryId, p.BookedAt, p.Amount, p.Currency, p.BalanceAfter,
            p.Entry!.Description, p.Entry.Category, p.Entry.Reference, p.Entry.Counterparty));

    public Task<LedgerEntry> PostAsync(NewEntry entry, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            // A retried attempt starts from what the database says, not from the failed attempt's tracked state.
            db.ChangeTracker.Clear();
            var booked = await BookAsync(entry, ct);
            await db.SaveChangesAsync(ct);
            return booked;
        }, cancellationToken);

    /// <summary>
    /// Books <paramref name="entry"/> inside the caller's transaction (which must be open), so a payment's status, its
    /// entry and its events commit together; the caller saves. Throws <see cref="InsufficientFundsException"/> when a
    /// customer account's debit would take it below what it may go to.
    /// </summary>
    public async Task<LedgerEntry> BookAsync(NewEntry entry, CancellationToken cancellationToken)
    {
        Validate(entry);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("BookAsync needs the caller's transaction: the account locks must last until the commit.");
        }

        // This lock is what makes "never below the floor" hold however many payments race on one account.
        var accounts = await LockAsync(entry.Postings.Select(p => p.AccountId), cancellationToken);

        var booked = new LedgerEntry
        {
            BookedAt = entry.BookedAt,
            Description = entry.Description,
            Category = entry.Category,
            Reference = entry.Reference,
            Counterparty = entry.Counterparty,
            SandboxClientId = entry.SandboxClientId,
        };
        // Every rule is checked before any balance changes, so a refused entry leaves the tracked accounts untouched.
        var balances = accounts.ToDictionary(a => a.Key, a => a.Value.BookedBalance, StringComparer.Ordinal);
        foreach (var posting in entry.Postings)
        {
            if (!accounts.TryGetValue(posting.AccountId, out var account))
            {
                throw new LedgerException($"Account {posting.AccountId} does not exist.");
            }

            balances[account.Id] += posting.Amount;
            if (posting.Amount < 0 && account.Kind != AccountKinds.Internal && balances[account.Id] + account.OverdraftLimit < 0)
            {
                throw new InsufficientFundsException(account.Id);
            }
        }

        CheckBalanced(entry.Postings.Select(p => (accounts[p.AccountId].Currency, p.Amount)));
        foreach (var posting in entry.Postings)
        {
            var account = accounts[posting.AccountId];
            account.BookedBalance += posting.Amount;
            booked.Postings.Add(new Posting
            {
                AccountId = account.Id,
                Amount = posting.Amount,
                Currency = account.Currency,
                BookedAt = entry.BookedAt,
                BalanceAfter = account.BookedBalance,
            });
        }

        db.Entries.Add(booked);
        return booked;
    }

    /// <summary>
    /// Row-locks these accounts until the caller's transaction ends, always in one order (by id), so two entries on
    /// the same accounts queue rather than deadlock, and each balance is read after the previous entry committed. A
    /// caller that must hold the locks before it books (the risk checks read the account's history) takes them here
    /// for every account the entry will touch, so booking re-locks nothing new and the order holds.
    /// </summary>
    public async Task<Dictionary<string, Account>> LockAsync(IEnumerable<string> accountIds, CancellationToken cancellationToken)
    {
        var ids = accountIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return await db.Accounts
            .FromSql($"SELECT * FROM accounts WHERE \"Id\" = ANY({ids}) ORDER BY \"Id\" FOR UPDATE")
            .ToDictionaryAsync(account => account.Id, StringComparer.Ordinal, cancellationToken);
    }

    private static void Validate(NewEntry entry)
    {
        if (entry.Postings.Count < 2)
        {
            throw new LedgerException("An entry needs at least two postings.");
        }

        if (entry.Postings.Any(p => p.Amount == 0 || decimal.Round(p.Amount, 2) != p.Amount))
        {
            throw new LedgerException("Every posting moves a non-zero amount with at most two decimal places.");
        }
    }

    /// <summary>Double entry: within an entry, money out of some accounts is money into others, per currency.</summary>
    public static void CheckBalanced(IEnumerable<(string Currency, decimal Amount)> postings)
    {
        foreach (var currency in postings.GroupBy(p => p.Currency))
        {
            var sum = currency.Sum(p => p.Amount);
            if (sum != 0)
            {
                throw new LedgerException($"The postings in {currency.Key} sum to {sum}, not zero.");
            }
        }
    }
}
