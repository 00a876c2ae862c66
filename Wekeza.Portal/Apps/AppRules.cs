namespace Wekeza.Portal.Apps;

/// <summary>
/// The contract's rules for an app, checked in the browser's circuit for quick feedback before anything is sent.
/// The apps API is the authority and checks them again; its messages land on the same fields.
/// </summary>
public static class AppRules
{
    public const int NameMinLength = 3;
    public const int NameMaxLength = 80;
    public const int DescriptionMaxLength = 500;
    public const int MaxRedirectUris = 10;

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
                errors.Add(FieldErrors.RedirectUri(index), problem);
            }
            else if (!seen.Add(uri))
            {
                errors.Add(FieldErrors.RedirectUri(index), "This redirect URI is already in the list.");
            }
        }
    }

    /// <summary>Why the URI cannot be a redirect URI, or null when it can.</summary>
    public static string? RedirectUriProblem(string uri)
    {
        if (uri.Length == 0)
        {
            return "Enter a redirect URI, or remove this row.";
        }

        // A wildcard would let any page on the host receive authorization codes.
        if (uri.Contains('*', StringComparison.Ordinal))
        {
            return "Wildcards are not allowed.";
        }

        // On Linux "/callback" parses as an absolute file:///callback URI; a path alone is not what the developer meant.
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.IsFile && uri.StartsWith('/'))
        {
            return "Enter an absolute URI, such as https://app.example/callback.";
        }

        if (parsed.Scheme != Uri.UriSchemeHttps && !(parsed.Scheme == Uri.UriSchemeHttp && IsLoopback(parsed)))
        {
            return "Use https (plain http is allowed only for localhost in the sandbox).";
        }

        // Fragments never reach the server, and the spec forbids them in redirect URIs.
        return uri.Contains('#', StringComparison.Ordinal) ? "A redirect URI must not contain a fragment (#)." : null;
    }

    // Exactly the contract's three spellings; Uri.IsLoopback would also let 127.0.0.2 and friends through.
    private static bool IsLoopback(Uri uri) => uri.Host is "localhost" or "127.0.0.1" or "[::1]";
}
