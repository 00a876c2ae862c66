using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Auth.Features.Apps;

/// <summary>
/// What makes an app's registration valid. Each failure names the field it belongs to, in the shape problem+json
/// carries (<c>errors: { "redirectUris[0]": ["…"] }</c>), so a form can show it where the mistake is.
/// </summary>
public static class AppRules
{
    public const int NameMinLength = AppContract.NameMinLength;
    public const int NameMaxLength = AppContract.NameMaxLength;
    public const int DescriptionMaxLength = AppContract.DescriptionMaxLength;
    public const int MaxRedirectUris = AppContract.MaxRedirectUris;

    public static void CheckName(string? name, Dictionary<string, string[]> errors)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is < NameMinLength or > NameMaxLength)
        {
            errors["name"] = [$"Give the app a name of {NameMinLength} to {NameMaxLength} characters."];
        }
    }

    public static void CheckDescription(string? description, Dictionary<string, string[]> errors)
    {
        if (description?.Trim().Length > DescriptionMaxLength)
        {
            errors["description"] = [$"Keep the description to {DescriptionMaxLength} characters or fewer."];
        }
    }

    public static void CheckRedirectUris(IReadOnlyList<string>? uris, string environment, Dictionary<string, string[]> errors)
    {
        if (uris is null || uris.Count == 0)
        {
            errors["redirectUris"] = ["Add at least one redirect URI: where the bank sends your users back after they sign in."];
            return;
        }

        if (uris.Count > MaxRedirectUris)
        {
            errors["redirectUris"] = [$"An app may have at most {MaxRedirectUris} redirect URIs."];
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < uris.Count; i++)
        {
            var problem = RedirectUriProblem(uris[i], environment) ?? (seen.Add(uris[i]) ? null : "This redirect URI is listed twice.");
            if (problem is not null)
            {
                errors[$"redirectUris[{i}]"] = [problem];
            }
        }
    }

    public static void CheckScopes(IReadOnlyList<string>? scopes, Dictionary<string, string[]> errors)
    {
        if (scopes is null || scopes.Count == 0)
        {
            errors["scopes"] = ["Choose at least one scope: " + string.Join(", ", Server.ScopeCatalog.ForApps.Select(s => s.Name)) + "."];
            return;
        }

        var unknown = scopes.Where(scope => Server.ScopeCatalog.Find(scope) is not { AppsMayRequest: true }).ToList();
        if (unknown.Count > 0)
        {
            errors["scopes"] = [$"Unknown scope(s): {string.Join(", ", unknown)}. An app may ask for "
                + string.Join(", ", Server.ScopeCatalog.ForApps.Select(s => s.Name)) + "."];
        }
    }

    private static string? RedirectUriProblem(string? value, string environment) =>
        AppContract.RedirectUriProblem(value, sandbox: environment == AppEnvironments.Sandbox);
}
