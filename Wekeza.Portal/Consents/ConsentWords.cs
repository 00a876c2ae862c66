using Wekeza.Consents;
using System.Globalization;

namespace Wekeza.Portal.Consents;

/// <summary>A consent's API terms in the words a customer reads; anything new from the API is shown as it comes.</summary>
public static class ConsentWords
{
    public static string AppName(Consent consent) => consent.AppName ?? consent.ClientId;

    public static string Permission(string permission) => permission switch
    {
        ConsentPermissions.ReadAccounts => "Your account details",
        ConsentPermissions.ReadBalances => "Your balances",
        ConsentPermissions.ReadTransactions => "Your transactions",
        _ => permission,
    };

    /// <summary>What the consent allows, in one line: the permissions, or the one payment.</summary>
    public static IReadOnlyList<string> Allows(Consent consent) => consent.Payment is { } payment
        ? [$"One payment of {payment.Currency} {Amount(payment.Amount)} to {payment.CreditorName} (reference {payment.Reference})"]
        : [.. consent.Permissions.Select(Permission)];

    private static string Amount(string amount) =>
        decimal.TryParse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value.ToString("N2", CultureInfo.InvariantCulture)
            : amount;

    public static string Status(string status) => status switch
    {
        ConsentStatuses.Consumed => "Used",
        ConsentStatuses.AwaitingAuthorisation => "Waiting for approval",
        ConsentStatuses.Authorised => "Active",
        ConsentStatuses.Rejected => "Declined",
        ConsentStatuses.Revoked => "Revoked",
        ConsentStatuses.Expired => "Expired",
        _ => status,
    };

    /// <summary>How long the access lasts, or since when it is over.</summary>
    public static string Until(Consent consent) => consent.Status switch
    {
        ConsentStatuses.Authorised or ConsentStatuses.AwaitingAuthorisation => $"Until {Day(consent.ExpiresAt)}",
        ConsentStatuses.Expired => $"Ended {Day(consent.ExpiresAt)}",
        _ => $"Ended {Day(consent.StatusUpdatedAt)}",
    };

    public static string Event(string type) => type switch
    {
        "created" => "Access requested",
        "authorised" => "Access granted",
        "rejected" => "Request declined",
        "revoked" => "Access revoked",
        "expired" => "Access expired",
        "consumed" => "Payment made",
        _ => type,
    };

    /// <summary>Who did it, as the customer whose consent it is reads it.</summary>
    public static string Actor(string actor) => actor.Split(':', 2)[0] switch
    {
        "customer" => "You",
        "app" => "The app",
        "admin" => "An administrator",
        "system" => "Automatically",
        _ => actor,
    };

    public static string Day(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Moment(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Oldest first; events at the same instant keep the API's order.</summary>
    public static IEnumerable<ConsentEvent> History(Consent consent) => (consent.Events ?? []).OrderBy(e => e.At);
}
