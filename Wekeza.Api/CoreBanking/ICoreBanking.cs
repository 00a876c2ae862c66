namespace Wekeza.Api.CoreBanking;

/// <summary>
/// Everything the API needs from a core banking system. The built-in <see cref="Ledger"/> implements it over bankdb;
/// a real core could replace it without touching an endpoint.
/// </summary>
public interface ICoreBanking
{
    Task<IReadOnlyList<Account>> AccountsOfAsync(string customerSubject, CancellationToken cancellationToken);

    Task<Account?> FindAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// An account's postings, newest first, after <paramref name="after"/> (exclusive) when given: keyset paging,
    /// so the last page costs what the first does and concurrent bookings never shift a page.
    /// </summary>
    Task<IReadOnlyList<StatementLine>> StatementAsync(string accountId, DateTimeOffset from, DateTimeOffset to,
        StatementPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>Books a balanced entry atomically; throws <see cref="LedgerException"/> when it breaks a ledger rule.</summary>
    Task<LedgerEntry> PostAsync(NewEntry entry, CancellationToken cancellationToken);
}

/// <summary>Where a statement page ended: the last line's booking time and posting id.</summary>
public sealed record StatementPosition(DateTimeOffset BookedAt, long PostingId);

public sealed record StatementLine(
    long PostingId, long EntryId, DateTimeOffset BookedAt, decimal Amount, string Currency, decimal BalanceAfter,
    string Description, string Category, string? Reference, string? Counterparty);

public sealed record NewPosting(string AccountId, decimal Amount);

public sealed record NewEntry(DateTimeOffset BookedAt, string Description, string Category, string? Reference,
    string? Counterparty, IReadOnlyList<NewPosting> Postings);

/// <summary>An entry that would break the ledger's rules; nothing was booked.</summary>
public sealed class LedgerException(string message) : Exception(message);
