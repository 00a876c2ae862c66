namespace Wekeza.ServiceDefaults.Apps;

/// <summary>
/// What makes an app's registration valid, shared by the apps API (the authority) and the portal (which checks the
/// same rules before sending, for quick feedback), so the two can never disagree.
/// </summary>
public static class AppContract
{
    public const int NameMinLength = 3;
    public const int NameMaxLength = 80;
    public const int DescriptionMaxLength = 500;
    public const int MaxRedirectUris = 10;

    /// <summary>
    /// Why <paramref name="value"/> cannot be a redirect URI, or null when it can. Exact, absolute, HTTPS URIs
    /// (RFC 9700 §4.1.3): no wildcard to match loosely, no fragment. Plain HTTP only to this machine's loopback
    /// (localhost, 127.0.0.1, [::1]) and only for sandbox apps (RFC 8252 §7.3: native apps and local development).
    /// </summary>
    public static string? RedirectUriProblem(string? value, bool sandbox)
    {
        if (value?.Contains('*') is true)
        {
            return "Wildcards are not allowed: redirect URIs match exactly.";
        }

        // "://" too: on Unix, .NET reads "/callback" as the absolute file:///callback.
        if (string.IsNullOrWhiteSpace(value) || !value.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return "Enter an absolute URI, such as https://app.example.com/callback.";
        }

        // Fragments never reach the server, and OAuth forbids them in redirect URIs.
        if (value.Contains('#', StringComparison.Ordinal))
        {
            return "A redirect URI must not contain a fragment (#…).";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && uri.Host is "localhost" or "127.0.0.1" or "[::1]")
        {
            return sandbox ? null : "Production apps need an https redirect URI; http://localhost is for sandbox apps.";
        }

        return "Use https (http is allowed only for localhost, 127.0.0.1 or [::1] in the sandbox).";
    }
}
