using Wekeza.Banking.Consents;
using Wekeza.Banking.CoreBanking;

namespace Wekeza.Api.Features.Consents;

/// <summary>A shared account as a person sees it: never the full account number.</summary>
public sealed record SharedAccount(string AccountId, string Name, string Currency, string AccountType, string MaskedNumber)
{
    public static SharedAccount From(Account account) =>
        new(account.Id, account.Name, account.Currency, account.Kind, "•••• " + account.Number[^Math.Min(4, account.Number.Length)..]);
}

/// <summary>The payment a payment consent allows, as the customer and the consent screen see it.</summary>
public sealed record PaymentSummary(string Amount, string Currency, string CreditorScheme, string CreditorIdentification, string CreditorName,
    string Reference, string? DebtorAccountId)
{
    public static PaymentSummary? From(Wekeza.Banking.Payments.PaymentInitiation? initiation) => initiation is null ? null : new(
        Wekeza.Banking.Payments.Currencies.Format(initiation.Amount, initiation.Currency), initiation.Currency, initiation.CreditorScheme,
        initiation.CreditorIdentification, initiation.CreditorName, initiation.Reference, initiation.DebtorAccountId);
}

public sealed record ConsentEventView(string Type, DateTimeOffset At, string Actor, string? Address, string? Detail);

/// <summary>A consent as its customer (My consents) or an administrator sees it; events only in the detail.</summary>
public sealed record ConsentView(
    string ConsentId,
    string ClientId,
    string? AppName,
    string? CustomerSubject,
    string Status,
    IReadOnlyList<string> Permissions,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? TransactionFromDateTime,
    DateTimeOffset? TransactionToDateTime,
    IReadOnlyList<SharedAccount> Accounts,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusUpdatedAt,
    IReadOnlyList<ConsentEventView>? Events,
    string Kind,
    PaymentSummary? Payment)
{
    public static ConsentView From(Consent consent, IReadOnlyDictionary<string, Account> accounts, DateTimeOffset now, bool withEvents) => new(
        consent.Id, consent.ClientId, consent.AppName, consent.CustomerSubject, consent.StatusAt(now), consent.Permissions,
        consent.ExpiresAt, consent.TransactionFrom, consent.TransactionTo,
        [.. consent.AccountIds.Select(accounts.GetValueOrDefault).OfType<Account>().Select(SharedAccount.From)],
        consent.CreatedAt, consent.StatusUpdatedAt,
        withEvents ? [.. consent.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new ConsentEventView(e.Type, e.At, e.Actor, e.Address, e.Detail))] : null,
        consent.Kind, PaymentSummary.From(consent.Initiation));
}
