namespace Wekeza.Banking.CoreBanking;

/// <summary>
/// Everything the API needs from a core banking system. The built-in <see cref="Ledger"/> implements it over bankdb;
/// a real core could replace it without touching an endpoint.
/// </summary>
public interface ICoreBanking
{
    Task<IReadOnlyList<Account>> AccountsOfAsync(string customerSubject, CancellationToken cancellationToken);

    Task<Account?> FindAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The accounts with these ids that exist, in id order.</summary>
    Task<IReadOnlyList<Account>> FindAccountsAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> of an account's postings booked in [<paramref name="from"/>, <paramref name="to"/>),
    /// always returned newest first. From the newest when <paramref name="position"/> is null; otherwise the ones
    /// older (or newer) than it, exclusive. Keyset paging: the last page costs what the first does, and bookings
    /// arriving meanwhile never shift a page.
    /// </summary>
    Task<IReadOnlyList<StatementLine>> StatementAsync(string accountId, DateTimeOffset from, DateTimeOffset to,
        StatementPosition? position, StatementDirection direction, int limit, CancellationToken cancellationToken);

    /// <summary>Books a balanced entry atomically; throws <see cref="LedgerException"/> when it breaks a ledger rule.</summary>
    Task<LedgerEntry> PostAsync(NewEntry entry, CancellationToken cancellationToken);
}

public enum StatementDirection
{
    Older,
    Newer,
}

/// <summary>Where a statement page ended: the last line's booking time and posting id.</summary>
public sealed record StatementPosition(DateTimeOffset BookedAt, long PostingId);

public sealed record StatementLine(
    long PostingId, long EntryId, DateTimeOffset BookedAt, decimal Amount, string Currency, decimal BalanceAfter,
    string Description, string Category, string? Reference, string? Counterparty);

public sealed record NewPosting(string AccountId, decimal Amount);

public sealed record NewEntry(DateTimeOffset BookedAt, string Description, string Category, string? Reference,
    string? Counterparty, IReadOnlyList<NewPosting> Postings)
{
    /// <summary>The sandbox app whose control books this entry, so that app's reset can remove it.</summary>
    public string? SandboxClientId { get; init; }
}

/// <summary>An entry that would break the ledger's rules; nothing was booked.</summary>
public class LedgerException(string message) : Exception(message);

/// <summary>A debit that would take a customer's account below its balance plus any arranged overdraft; nothing was booked.</summary>
public sealed class InsufficientFundsException(string accountId) : LedgerException($"Account {accountId} cannot cover this debit.")
{
    public string AccountId { get; } = accountId;
}
