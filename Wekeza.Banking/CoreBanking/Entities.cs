namespace Wekeza.Banking.CoreBanking;

/// <summary>A customer of the bank, joined to the person who signs in at auth by <see cref="Subject"/>.</summary>
public sealed class Customer
{
    public required string Id { get; init; }

    public required string Subject { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>
    /// A sandbox test customer: only sandbox apps may see them, and a sandbox app sees no one else. Set when seeded,
    /// never changed.
    /// </summary>
    public bool Sandbox { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

public static class AccountKinds
{
    public const string Current = "current";
    public const string Savings = "savings";

    /// <summary>The bank's own accounts (clearing, settlement, …): the other side of every customer posting.</summary>
    public const string Internal = "internal";
}

/// <summary>
/// An account. <see cref="BookedBalance"/> is the sum of its postings, kept in step with them in the same transaction
/// as each entry is posted (so reading a balance never sums 100,000 rows).
/// </summary>
public sealed class Account
{
    public required string Id { get; init; }

    public string? CustomerId { get; init; }

    public required string Kind { get; init; }

    public required string Currency { get; init; }

    public required string Name { get; init; }

    /// <summary>The account number a person would quote; shown masked except to its owner's consented apps.</summary>
    public required string Number { get; init; }

    public string Status { get; set; } = "active";

    public DateTimeOffset OpenedAt { get; init; }

    public decimal BookedBalance { get; set; }

    /// <summary>How far below zero a debit may take the account: 0 unless the bank arranged an overdraft. Internal accounts have no floor.</summary>
    public decimal OverdraftLimit { get; init; }

    /// <summary>What a payment may take: the booked balance plus any arranged overdraft.</summary>
    public decimal Available => BookedBalance + OverdraftLimit;
}

/// <summary>One business event (a salary, a transfer, a bill): a set of postings that balance per currency.</summary>
public sealed class LedgerEntry
{
    public long Id { get; init; }

    public DateTimeOffset BookedAt { get; init; }

    public required string Description { get; init; }

    public string? Reference { get; init; }

    public required string Category { get; init; }

    public string? Counterparty { get; init; }

    /// <summary>
    /// The sandbox app whose control booked this entry (a simulated incoming transaction), so resetting that app's
    /// sandbox removes it; null for everything else.
    /// </summary>
    public string? SandboxClientId { get; init; }

    public List<Posting> Postings { get; init; } = [];
}

/// <summary>
/// One side of an entry on one account: positive is money in (credit to the customer), negative money out.
/// <see cref="BalanceAfter"/> is the account's booked balance once this posting applied, as a statement shows it.
/// </summary>
public sealed class Posting
{
    public long Id { get; init; }

    public long EntryId { get; init; }

    public LedgerEntry? Entry { get; init; }

    public required string AccountId { get; init; }

    public decimal Amount { get; init; }

    public required string Currency { get; init; }

    /// <summary>The entry's booking time, repeated here so an account's history is one index range scan.</summary>
    public DateTimeOffset BookedAt { get; init; }

    public decimal BalanceAfter { get; set; }
}
