using Wekeza.Banking.CoreBanking;

namespace Wekeza.Api.Features.Accounts;

/// <summary>
/// An amount of money: a decimal string with two places (never a binary float), as Open Banking writes it, and its
/// ISO 4217 currency.
/// </summary>
public sealed record Money(string Amount, string Currency)
{
    /// <summary>The amount with its currency's decimals (two for KES, none for UGX), as a string: never a float on the wire.</summary>
    public static Money Of(decimal amount, string currency) => new(Wekeza.Banking.Payments.Currencies.Format(amount, currency), currency);
}

/// <summary>An account the customer shared. Its identifier is opaque; the full number is shown to the consented app.</summary>
public sealed record AccountResource(
    string AccountId, string AccountType, string Currency, string Name, string AccountNumber, string Status, DateTimeOffset OpenedAt)
{
    public static AccountResource From(Account account) =>
        new(account.Id, account.Kind, account.Currency, account.Name, account.Number, account.Status, account.OpenedAt);
}

/// <summary>
/// Booked: the sum of everything posted. Available: what can be spent now, booked less amounts held for payments
/// in flight (none are held yet, so the two agree).
/// </summary>
public sealed record BalanceResource(string AccountId, Money Booked, Money Available, DateTimeOffset AsOf);

/// <summary>One line of the statement: money in (Credit) or out (Debit) of the account, and the balance after it.</summary>
public sealed record TransactionResource(
    string TransactionId,
    string EntryId,
    DateTimeOffset BookingDateTime,
    string CreditDebitIndicator,
    Money Amount,
    Money BalanceAfter,
    string Description,
    string Category,
    string? Reference,
    string? Counterparty)
{
    public static TransactionResource From(StatementLine line) => new(
        $"txn_{line.PostingId}", $"ent_{line.EntryId}", line.BookedAt, line.Amount >= 0 ? "Credit" : "Debit",
        Money.Of(Math.Abs(line.Amount), line.Currency), Money.Of(line.BalanceAfter, line.Currency),
        line.Description, line.Category, line.Reference, line.Counterparty);
}
