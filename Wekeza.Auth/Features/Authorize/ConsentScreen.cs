using System.Globalization;
using Wekeza.Consents;
using Wekeza.Auth.Features.Consents;
using Wekeza.Auth.Server;

namespace Wekeza.Auth.Features.Authorize;

/// <summary>What the consent screen shows and posts back.</summary>
public sealed record ConsentScreen(
    string ApplicationName,
    IReadOnlyList<ScopeCatalog.Entry> Scopes,
    ConsentScreenData? Consent,
    string? Problem,
    IReadOnlyList<KeyValuePair<string, string>> RequestParameters,
    IReadOnlyCollection<string> SelectedAccounts,
    TimeSpan Timeout)
{
    /// <summary><c>Auth:ConsentScreen:Timeout</c>: how long the screen waits for an answer before sending the customer back.</summary>
    public const string TimeoutKey = "Auth:ConsentScreen:Timeout";

    /// <summary>Form fields that are the screen's own, not the authorization request's.</summary>
    public static readonly IReadOnlySet<string> OwnFields = new HashSet<string>(StringComparer.Ordinal) { "decision", "account", "__RequestVerificationToken" };

    public static ConsentScreen For(AuthorizationDecision.AskConsent ask, IReadOnlyList<KeyValuePair<string, string>> parameters,
        IReadOnlyCollection<string> selected, TimeSpan timeout) =>
        new(ask.ApplicationName, [.. ask.Scopes.Select(ScopeCatalog.Find).OfType<ScopeCatalog.Entry>()], ask.Consent, ask.Problem,
            [.. parameters.Where(p => !OwnFields.Contains(p.Key))], selected, timeout);

    /// <summary>The payment the customer is asked to authorise, or null when the screen asks to share data.</summary>
    public ConsentPayment? Payment => Consent is { Kind: ConsentKinds.DomesticPayment, Payment: { } payment } ? payment : null;

    public string Title => Payment is null ? $"Allow {ApplicationName} access?" : $"Authorise {ApplicationName} to make a payment?";

    /// <summary>
    /// The account a payment's picker starts on: the one chosen before when the screen is shown again, else the first,
    /// so the form always sends exactly one.
    /// </summary>
    public string? PayFrom => Consent is not { } consent ? null
        : (consent.Accounts.FirstOrDefault(account => SelectedAccounts.Contains(account.AccountId)) ?? consent.Accounts.FirstOrDefault())?.AccountId;

    /// <summary>
    /// An amount as the customer reads it, "KES 1,500.00": parsed as a decimal in the invariant culture (the bank's
    /// wire format) and never rounded, so the screen cannot show a different amount from the one authorised. An
    /// amount that does not parse is shown as received rather than hidden.
    /// </summary>
    public static string FormatAmount(string amount, string currency) =>
        decimal.TryParse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? $"{currency} {value.ToString("#,##0.00############################", CultureInfo.InvariantCulture)}"
            : $"{currency} {amount}";

    /// <summary>Where the money goes, in the customer's words: the kind of account and only its last four characters.</summary>
    public static string DescribeCreditorAccount(ConsentPayment payment)
    {
        var identification = payment.CreditorIdentification;
        return $"{DescribeScheme(payment.CreditorScheme)} •••• {identification[^Math.Min(4, identification.Length)..]}";
    }

    /// <summary>A creditor account scheme (the API's <c>creditorAccount.schemeName</c>) in the customer's words.</summary>
    public static string DescribeScheme(string scheme) => scheme switch
    {
        "Wekeza.AccountNumber" => "Wekeza account",
        "KE.BankAccount" => "bank account",
        "KE.MobileMoney" => "mobile money",
        _ => scheme,
    };

    /// <summary>A consent permission in the customer's words.</summary>
    public static string Describe(string permission) => permission switch
    {
        ConsentPermissions.ReadAccounts => "Your account details: name, number, type and currency",
        ConsentPermissions.ReadBalances => "Your account balances",
        ConsentPermissions.ReadTransactions => "Your transactions: amounts, dates, descriptions and who paid or was paid",
        _ => permission,
    };
}
