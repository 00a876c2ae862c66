using Wekeza.Api.Features.Accounts;
using Wekeza.Api.Features.Shared;
using Wekeza.Banking.CoreBanking;
using static Wekeza.Api.OpenApi.Examples.ExampleValues;

namespace Wekeza.Api.OpenApi.Examples;

/// <summary>Account information, read with Amina's token under the consent she authorised for both her accounts.</summary>
internal static class AccountExamples
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 24, 9, 45, 0, TimeSpan.Zero);

    // The last two lines of October, newest first: the Everyday account's balance after the newer one is its seeded balance.
    private static readonly StatementLine[] Lines =
    [
        new(48190, 24095, new(2026, 10, 28, 13, 12, 0, TimeSpan.Zero), -2_350.00m, "KES", Everyday.BookedBalance, "M-Pesa send money", "transfers",
            "MP48213377", "Kevin Kiprop"),
        new(48176, 24088, new(2026, 10, 27, 18, 4, 0, TimeSpan.Zero), -4_120.50m, "KES", Everyday.BookedBalance + 2_350.00m, "Groceries", "groceries",
            null, "Naivas Supermarket"),
    ];

    public static IReadOnlyDictionary<string, OperationExample> ByOperation { get; } = new Dictionary<string, OperationExample>(StringComparer.Ordinal)
    {
        ["ListAccounts"] = new(null, new ListResponse<AccountResource>([AccountResource.From(Everyday), AccountResource.From(EmergencyFund)],
            new ListLinks(Link("/v1/accounts")), new ListMeta(TotalPages: 1))),
        ["GetAccount"] = new(null, AccountResource.From(Everyday)),
        ["GetBalance"] = new(null, new BalanceResource(Everyday.Id, Money.Of(Everyday.BookedBalance, Everyday.Currency),
            Money.Of(Everyday.BookedBalance, Everyday.Currency), AsOf)),
        ["ListTransactions"] = new(null, new ListResponse<TransactionResource>([.. Lines.Select(TransactionResource.From)],
            new ListLinks(Link($"/v1/accounts/{Everyday.Id}/transactions?limit=2"), Next: Link($"/v1/accounts/{Everyday.Id}/transactions?limit=2&cursor={OlderThan(Lines[^1])}")),
            new ListMeta(TotalPages: null))),
    };

    /// <summary>
    /// The cursor the API writes for the page after <paramref name="line"/>, over the consent's whole transaction window
    /// (whose end the query makes exclusive, one microsecond on).
    /// </summary>
    private static string OlderThan(StatementLine line) =>
        new StatementCursor(Everyday.Id, TransactionsFrom, TransactionsTo.AddMicroseconds(1), new StatementPosition(line.BookedAt, line.PostingId), StatementDirection.Older).Encode();
}
