using Wekeza.Consents;
namespace Wekeza.Api.Features.Consents;

/// <summary>What a consent request must satisfy; each failure names its field (problem+json <c>errors</c>).</summary>
internal static class ConsentRules
{
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(365);

    public static Dictionary<string, string[]> Check(CreateConsentRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var permissions = request.Permissions ?? [];
        if (permissions.Count == 0)
        {
            errors["permissions"] = [$"Ask for at least one permission: {string.Join(", ", ConsentPermissions.All)}."];
        }
        else if (permissions.Except(ConsentPermissions.All, StringComparer.Ordinal).ToList() is { Count: > 0 } unknown)
        {
            errors["permissions"] = [$"Unknown permission(s): {string.Join(", ", unknown)}. Use {string.Join(", ", ConsentPermissions.All)}."];
        }
        else if (permissions.Count != permissions.Distinct(StringComparer.Ordinal).Count())
        {
            errors["permissions"] = ["List each permission once."];
        }
        else if (!permissions.Contains(ConsentPermissions.ReadAccounts))
        {
            errors["permissions"] = [$"{ConsentPermissions.ReadAccounts} is needed with any other permission: balances and transactions belong to accounts."];
        }

        if (request.ExpiresAt is not { } expiresAt)
        {
            errors["expiresAt"] = ["Say when the consent ends (ISO 8601 with an offset, e.g. 2027-05-31T00:00:00Z)."];
        }
        else if (expiresAt < now + MinimumLifetime)
        {
            errors["expiresAt"] = [$"expiresAt must be at least {MinimumLifetime.TotalMinutes:0} minutes in the future."];
        }
        else if (expiresAt > now + MaximumLifetime)
        {
            errors["expiresAt"] = [$"A consent may last at most {MaximumLifetime.TotalDays:0} days."];
        }

        if (request.TransactionFromDateTime is { } from && request.TransactionToDateTime is { } to && from >= to)
        {
            errors["transactionToDateTime"] = ["transactionToDateTime must be after transactionFromDateTime."];
        }

        if ((request.TransactionFromDateTime is not null || request.TransactionToDateTime is not null)
            && !permissions.Contains(ConsentPermissions.ReadTransactions))
        {
            errors["transactionFromDateTime"] = [$"A transaction window needs the {ConsentPermissions.ReadTransactions} permission."];
        }

        return errors;
    }
}
