namespace Wekeza.Banking.Payments;

/// <summary>
/// What a payment consent allows and the payment must repeat exactly: how much, in what currency, to whom, with what
/// reference, and (when the app names it) from which of the customer's accounts.
/// </summary>
public sealed record PaymentInitiation
{
    public required decimal Amount { get; init; }

    public required string Currency { get; init; }

    public required string CreditorScheme { get; init; }

    public required string CreditorIdentification { get; init; }

    public required string CreditorName { get; init; }

    public required string Reference { get; init; }

    /// <summary>The account to pay from, when the app asked for a particular one; otherwise the customer picks at the bank.</summary>
    public string? DebtorAccountId { get; init; }

    public bool IsInternal => CreditorScheme == CreditorSchemes.WekezaAccount;
}

/// <summary>How a creditor's account is identified, and so how the money gets there.</summary>
public static class CreditorSchemes
{
    /// <summary>Another Wekeza account, by its account number: credited at once, in the same ledger entry.</summary>
    public const string WekezaAccount = "Wekeza.AccountNumber";

    /// <summary>An account at another Kenyan bank, as <c>bankCode-accountNumber</c>: settled through the payment switch.</summary>
    public const string KenyanBankAccount = "KE.BankAccount";

    /// <summary>A mobile-money wallet, by its MSISDN (2547… or 2541…): settled through the payment switch.</summary>
    public const string MobileMoney = "KE.MobileMoney";

    public static readonly IReadOnlyList<string> All = [WekezaAccount, KenyanBankAccount, MobileMoney];
}

/// <summary>The currencies the bank pays in, with ISO 4217's minor units: an amount may have no more decimals than these.</summary>
public static class Currencies
{
    private static readonly Dictionary<string, int> MinorUnits = new(StringComparer.Ordinal)
    {
        ["KES"] = 2,
        ["USD"] = 2,
        ["EUR"] = 2,
        ["GBP"] = 2,
        ["TZS"] = 2,
        ["UGX"] = 0,
        ["RWF"] = 0,
    };

    public static IEnumerable<string> Supported => MinorUnits.Keys;

    public static int? MinorUnitsOf(string currency) => MinorUnits.TryGetValue(currency, out var units) ? units : null;

    /// <summary>
    /// An amount as the platform writes it everywhere (API responses, events): a decimal string with the currency's
    /// decimals (two for KES, none for UGX; two for a currency it does not know), never a float.
    /// </summary>
    public static string Format(decimal amount, string currency) =>
        amount.ToString((MinorUnitsOf(currency) ?? 2) == 0 ? "0" : "0.00", System.Globalization.CultureInfo.InvariantCulture);
}
