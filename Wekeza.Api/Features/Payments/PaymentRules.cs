using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wekeza.Banking.Payments;

namespace Wekeza.Api.Features.Payments;

/// <summary>
/// What a payment's initiation must satisfy, for a consent and for the payment made under it. Each failure names its
/// field (<c>initiation.instructedAmount.amount</c>) and the rule, in problem+json <c>errors</c>.
/// </summary>
internal static partial class PaymentRules
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(1);
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(30);

    /// <summary>Reads and checks an initiation; null (with <paramref name="errors"/> filled) when it breaks a rule.</summary>
    public static PaymentInitiation? Read(InitiationRequest? request, PaymentLimits limits, Dictionary<string, string[]> errors)
    {
        const string root = "initiation";
        if (request is null)
        {
            errors[root] = ["Send the payment: instructedAmount, creditorAccount, creditorName and reference."];
            return null;
        }

        var currency = request.InstructedAmount?.Currency?.Trim();
        var minorUnits = currency is null ? null : Currencies.MinorUnitsOf(currency);
        if (string.IsNullOrEmpty(currency))
        {
            errors[$"{root}.instructedAmount.currency"] = ["Give the ISO 4217 currency code, e.g. KES."];
        }
        else if (minorUnits is null)
        {
            errors[$"{root}.instructedAmount.currency"] = [$"'{currency}' is not a currency the bank pays in: use one of {string.Join(", ", Currencies.Supported)}."];
        }

        var amount = ReadAmount(request.InstructedAmount?.Amount, currency, minorUnits, limits, errors, $"{root}.instructedAmount.amount");
        var scheme = request.CreditorAccount?.SchemeName?.Trim();
        var identification = request.CreditorAccount?.Identification?.Trim();
        if (string.IsNullOrEmpty(scheme) || !CreditorSchemes.All.Contains(scheme))
        {
            errors[$"{root}.creditorAccount.schemeName"] = [$"Use one of {string.Join(", ", CreditorSchemes.All)}."];
        }
        else if (string.IsNullOrEmpty(identification) || !IdentificationFits(scheme, identification))
        {
            errors[$"{root}.creditorAccount.identification"] = [scheme switch
            {
                CreditorSchemes.WekezaAccount => "A Wekeza account number is 12 digits.",
                CreditorSchemes.KenyanBankAccount => "Give the bank code and account number as 'bankCode-accountNumber': 2–3 digits, a dash, 6–20 digits (e.g. 01-1234567890).",
                _ => "Give the wallet's number in international form: 2547 or 2541 and 8 more digits (e.g. 254712345678).",
            }];
        }

        var creditorName = request.CreditorName?.Trim();
        if (string.IsNullOrEmpty(creditorName) || creditorName.Length > 70 || !PrintableText().IsMatch(creditorName))
        {
            errors[$"{root}.creditorName"] = ["The creditor's name is 1–70 characters of letters, digits, spaces and . , ' & - ( ) /."];
        }

        var reference = request.Reference?.Trim();
        if (string.IsNullOrEmpty(reference) || reference.Length > 35 || !ReferenceText().IsMatch(reference))
        {
            errors[$"{root}.reference"] = ["The reference is 1–35 characters of letters, digits, spaces and - / . :, as the creditor will see it."];
        }

        if (request.DebtorAccountId is { } debtor && (debtor.Length is 0 or > 40))
        {
            errors[$"{root}.debtorAccountId"] = ["Leave debtorAccountId out to let the customer choose, or give one of their account ids."];
        }

        if (errors.Count > 0)
        {
            return null;
        }

        return new PaymentInitiation
        {
            Amount = amount!.Value,
            Currency = currency!,
            CreditorScheme = scheme!,
            CreditorIdentification = identification!,
            CreditorName = creditorName!,
            Reference = reference!,
            DebtorAccountId = request.DebtorAccountId,
        };
    }

    public static Dictionary<string, string[]> CheckExpiry(DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (expiresAt is { } at && at < now + MinimumLifetime)
        {
            errors["expiresAt"] = [$"expiresAt must be at least {MinimumLifetime.TotalMinutes:0} minutes in the future."];
        }
        else if (expiresAt is { } later && later > now + MaximumLifetime)
        {
            errors["expiresAt"] = [$"A payment consent may last at most {MaximumLifetime.TotalDays:0} days."];
        }

        return errors;
    }

    private static decimal? ReadAmount(JsonElement? element, string? currency, int? minorUnits, PaymentLimits limits,
        Dictionary<string, string[]> errors, string field)
    {
        // The text as sent, parsed as a decimal: "0.1" stays 0.1, which a double would not.
        var text = element switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            _ => null,
        };
        if (text is null || !AmountText().IsMatch(text)
            || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            errors[field] = ["Give the amount as a decimal string with a dot, e.g. \"1500.00\"."];
            return null;
        }

        if (amount <= 0)
        {
            errors[field] = ["The amount must be more than zero."];
            return null;
        }

        if (minorUnits is { } units && decimal.Round(amount, units) != amount)
        {
            errors[field] = [units == 0 ? $"{currency} has no minor unit: give a whole amount." : $"{currency} has {units} decimal places: give at most {units}."];
            return null;
        }

        if (currency is not null && limits.MaximumFor(currency) is { } maximum && amount > maximum)
        {
            errors[field] = [$"The most one payment may move is {currency} {maximum.ToString("N2", CultureInfo.InvariantCulture)}."];
            return null;
        }

        return amount;
    }

    private static bool IdentificationFits(string scheme, string identification) => scheme switch
    {
        CreditorSchemes.WekezaAccount => WekezaAccountNumber().IsMatch(identification),
        CreditorSchemes.KenyanBankAccount => KenyanBankAccount().IsMatch(identification),
        CreditorSchemes.MobileMoney => MobileNumber().IsMatch(identification),
        _ => false,
    };

    [GeneratedRegex(@"^-?[0-9]{1,15}(\.[0-9]{1,10})?$")]
    private static partial Regex AmountText();

    [GeneratedRegex(@"^[0-9]{12}$")]
    private static partial Regex WekezaAccountNumber();

    [GeneratedRegex(@"^[0-9]{2,3}-[0-9]{6,20}$")]
    private static partial Regex KenyanBankAccount();

    [GeneratedRegex(@"^254(7|1)[0-9]{8}$")]
    private static partial Regex MobileNumber();

    [GeneratedRegex(@"^[\p{L}\p{N} .,'&()/-]+$")]
    private static partial Regex PrintableText();

    [GeneratedRegex(@"^[A-Za-z0-9 ./:-]+$")]
    private static partial Regex ReferenceText();
}

/// <summary><c>Payments:Limits:MaximumPerPayment:/// <summary><c>Payments:Limits:&lt;currency&gt;</c>: the most one payment may movelt;currency/// <summary><c>Payments:Limits:&lt;currency&gt;</c>: the most one payment may movegt;</c>: the most one payment may move, refused up front (the risk rules add daily limits).</summary>
public sealed class PaymentLimits
{
    public Dictionary<string, decimal> MaximumPerPayment { get; init; } = new(StringComparer.Ordinal)
    {
        ["KES"] = 1_000_000m,
        ["USD"] = 10_000m,
        ["EUR"] = 10_000m,
        ["GBP"] = 10_000m,
        ["TZS"] = 25_000_000m,
        ["UGX"] = 40_000_000m,
        ["RWF"] = 12_000_000m,
    };

    public decimal? MaximumFor(string currency) => MaximumPerPayment.TryGetValue(currency, out var maximum) ? maximum : null;
}
