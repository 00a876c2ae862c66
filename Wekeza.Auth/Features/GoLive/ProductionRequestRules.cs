using System.Net.Mail;
using System.Text.RegularExpressions;
using Wekeza.Auth.Features.Apps;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Auth.Features.GoLive;

/// <summary>
/// What a production request must say before it can be submitted, and which moves between states are allowed. A
/// draft may be incomplete (only limits apply, so nothing unbounded is stored); submitting checks everything, with
/// each failure under the field it belongs to, as the apps API does.
/// </summary>
public static partial class ProductionRequestRules
{
    public const int ShortMaxLength = 64;
    public const int TextMaxLength = 200;
    public const int UriMaxLength = 500;
    public const int UseCaseMinLength = 20;
    public const int UseCaseMaxLength = 2000;
    public const int NoteMaxLength = 1000;

    /// <summary>The limits a draft keeps to: lengths and counts only.</summary>
    public static Dictionary<string, string[]> CheckDraft(ProductionRequestFields fields)
    {
        var errors = new Dictionary<string, string[]>();
        Max(fields.LegalName, TextMaxLength, "legalName", errors);
        Max(fields.RegistrationNumber, ShortMaxLength, "registrationNumber", errors);
        Max(fields.Country, 2, "country", errors);
        Max(fields.ContactEmail, ShortMaxLength * 4, "contactEmail", errors);
        Max(fields.ContactPhone, ShortMaxLength, "contactPhone", errors);
        Max(fields.Website, UriMaxLength, "website", errors);
        Max(fields.UseCase, UseCaseMaxLength, "useCase", errors);
        if (fields.RedirectUris?.Count > AppContract.MaxRedirectUris)
        {
            errors["redirectUris"] = [$"An app may have at most {AppContract.MaxRedirectUris} redirect URIs."];
        }
        else if (fields.RedirectUris?.Any(uri => uri is null || uri.Length > UriMaxLength) is true)
        {
            errors["redirectUris"] = [$"Keep each redirect URI to {UriMaxLength} characters or fewer."];
        }

        if (fields.Scopes?.Count > 20)
        {
            errors["scopes"] = ["Choose at most 20 scopes."];
        }

        return errors;
    }

    /// <summary>Everything a submitted request must have: complete company details, a use case, https redirect URIs, scopes.</summary>
    public static Dictionary<string, string[]> CheckSubmission(ProductionRequestFields fields)
    {
        var errors = CheckDraft(fields);
        Required(fields.LegalName, "legalName", "Enter your company's registered legal name.", errors);
        Required(fields.RegistrationNumber, "registrationNumber", "Enter the company's registration number.", errors);
        if (!errors.ContainsKey("country") && (fields.Country is null || !CountryCode().IsMatch(fields.Country)))
        {
            errors["country"] = ["Enter the country of registration as a two-letter ISO code, such as KE."];
        }

        if (!errors.ContainsKey("contactEmail") && !IsEmail(fields.ContactEmail))
        {
            errors["contactEmail"] = ["Enter a contact email address, such as compliance@example.com."];
        }

        if (!errors.ContainsKey("contactPhone") && (fields.ContactPhone is null || !Phone().IsMatch(fields.ContactPhone)))
        {
            errors["contactPhone"] = ["Enter a contact phone number in international format, such as +254712345678."];
        }

        if (!errors.ContainsKey("website") && !IsHttps(fields.Website))
        {
            errors["website"] = ["Enter your company's website as an https address, such as https://example.com."];
        }

        if (!errors.ContainsKey("useCase") && (fields.UseCase?.Trim().Length ?? 0) < UseCaseMinLength)
        {
            errors["useCase"] = [$"Describe what your app does with the bank's data in at least {UseCaseMinLength} characters."];
        }

        if (!errors.Keys.Any(key => key.StartsWith("redirectUris", StringComparison.Ordinal)))
        {
            CheckRedirectUris(fields.RedirectUris, errors);
        }

        if (!errors.ContainsKey("scopes"))
        {
            AppRules.CheckScopes(fields.Scopes, errors);
        }

        return errors;
    }

    /// <summary>Whether the developer may change the request (save a draft, submit) in this state.</summary>
    public static bool DeveloperMayEdit(string? state) => state is null or ProductionRequestStates.Draft or ProductionRequestStates.Rejected;

    /// <summary>Whether an admin may decide (approve or reject) a request in this state: only a submitted one.</summary>
    public static bool AdminMayDecide(string state) => state == ProductionRequestStates.Submitted;

    private static void CheckRedirectUris(IReadOnlyList<string>? uris, Dictionary<string, string[]> errors)
    {
        if (uris is null || uris.Count == 0)
        {
            errors["redirectUris"] = ["Add at least one https redirect URI for your production app."];
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < uris.Count; i++)
        {
            var problem = AppContract.RedirectUriProblem(uris[i], sandbox: false) ?? (seen.Add(uris[i]) ? null : "This redirect URI is listed twice.");
            if (problem is not null)
            {
                errors[$"redirectUris[{i}]"] = [problem];
            }
        }
    }

    private static void Max(string? value, int max, string field, Dictionary<string, string[]> errors)
    {
        if (value?.Trim().Length > max)
        {
            errors[field] = [$"Keep this to {max} characters or fewer."];
        }
    }

    private static void Required(string? value, string field, string message, Dictionary<string, string[]> errors)
    {
        if (!errors.ContainsKey(field) && string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [message];
        }
    }

    private static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim()
        && address.Host.Contains('.', StringComparison.Ordinal);

    private static bool IsHttps(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex(@"^\+[1-9][0-9 ]{6,18}$")]
    private static partial Regex Phone();
}
