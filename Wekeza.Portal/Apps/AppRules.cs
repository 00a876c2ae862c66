using Wekeza.Portal.Platform;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Portal.Apps;

/// <summary>
/// The contract's rules for an app, checked in the browser's circuit for quick feedback before anything is sent.
/// The apps API is the authority and checks them again; its messages land on the same fields.
/// </summary>
public static class AppRules
{
    public const int NameMinLength = AppContract.NameMinLength;
    public const int NameMaxLength = AppContract.NameMaxLength;
    public const int DescriptionMaxLength = AppContract.DescriptionMaxLength;
    public const int MaxRedirectUris = AppContract.MaxRedirectUris;

    public static FieldErrors Validate(string? name, string? description, IReadOnlyList<string> redirectUris, IReadOnlyCollection<string> scopes)
    {
        var errors = new FieldErrors();
        ValidateName(name, errors);
        ValidateDescription(description, errors);
        ValidateRedirectUris(redirectUris, errors);
        if (scopes.Count == 0)
        {
            errors.Add(AppFields.Scopes, "Choose at least one scope.");
        }

        return errors;
    }

    public static void ValidateName(string? name, FieldErrors errors)
    {
        var length = name?.Trim().Length ?? 0;
        if (length == 0)
        {
            errors.Add(AppFields.Name, "Give your app a name.");
        }
        else if (length is < NameMinLength or > NameMaxLength)
        {
            errors.Add(AppFields.Name, $"The name must be {NameMinLength} to {NameMaxLength} characters long.");
        }
    }

    public static void ValidateDescription(string? description, FieldErrors errors)
    {
        if (description?.Trim().Length > DescriptionMaxLength)
        {
            errors.Add(AppFields.Description, $"The description must be at most {DescriptionMaxLength} characters long.");
        }
    }

    public static void ValidateRedirectUris(IReadOnlyList<string> redirectUris, FieldErrors errors)
    {
        if (redirectUris.Count is 0 or > MaxRedirectUris)
        {
            errors.Add(AppFields.RedirectUris, $"Add 1 to {MaxRedirectUris} redirect URIs.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < redirectUris.Count; index++)
        {
            var uri = redirectUris[index].Trim();
            if (RedirectUriProblem(uri) is { } problem)
            {
                errors.Add(AppFields.RedirectUri(index), problem);
            }
            else if (!seen.Add(uri))
            {
                errors.Add(AppFields.RedirectUri(index), "This redirect URI is already in the list.");
            }
        }
    }

    /// <summary>Why the URI cannot be a redirect URI, or null when it can: the apps API's own rule (all apps start in the sandbox).</summary>
    public static string? RedirectUriProblem(string uri) =>
        uri.Length == 0 ? "Enter a redirect URI, or remove this row." : AppContract.RedirectUriProblem(uri, sandbox: true);
}
