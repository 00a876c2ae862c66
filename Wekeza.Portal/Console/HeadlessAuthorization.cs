using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Wekeza.Portal.Console;

/// <summary>
/// The sandbox's headless authorisation at auth: an ordinary authorization request (code flow, PKCE S256, state,
/// <c>consent_id</c>) plus <c>sandbox_customer</c> and <c>sandbox_decision</c>, which auth answers at once with the
/// redirect a browser would have followed after the customer decided.
/// </summary>
public sealed record HeadlessAuthorization(
    string ClientId,
    string RedirectUri,
    IReadOnlyList<string> Scopes,
    string ConsentId,
    string Customer,
    bool Allow,
    IReadOnlyList<string> Accounts,
    Pkce Pkce,
    string State)
{
    public const string Path = "connect/authorize";

    public static HeadlessAuthorization Create(
        string clientId, string redirectUri, IReadOnlyList<string> scopes, string consentId, string customer, bool allow,
        IReadOnlyList<string>? accounts = null) =>
        new(clientId, redirectUri, scopes, consentId, customer, allow, accounts ?? [], Pkce.Create(), Pkce.NewState());

    /// <summary>The query string, in the order the docs write it.</summary>
    public string Query
    {
        get
        {
            var query = new QueryBuilder
            {
                { "response_type", "code" },
                { "client_id", ClientId },
                { "redirect_uri", RedirectUri },
                { "scope", string.Join(' ', Scopes) },
                { "code_challenge", Pkce.Challenge },
                { "code_challenge_method", Pkce.Method },
                { "state", State },
                { "consent_id", ConsentId },
                { "sandbox_customer", Customer },
                { "sandbox_decision", Allow ? "allow" : "deny" },
            };
            if (Accounts.Count > 0)
            {
                query.Add("sandbox_accounts", string.Join(',', Accounts));
            }

            return query.ToString();
        }
    }

    /// <summary>Relative to auth's issuer (which ends with a slash).</summary>
    public string RelativeUri => Path + Query;

    public override string ToString() => $"authorize {ConsentId} as {Customer}";
}

/// <summary>What auth's answer to a headless authorisation came to.</summary>
public abstract record AuthorizationOutcome
{
    private AuthorizationOutcome()
    {
    }

    /// <summary>A code for the app, issued to the redirect URI with our state.</summary>
    public sealed record Code(string Value) : AuthorizationOutcome
    {
        public override string ToString() => "code";
    }

    /// <summary>The authorisation was refused, properly, with our state: <c>access_denied</c> when the customer declined.</summary>
    public sealed record Refused(OAuthError Error) : AuthorizationOutcome;

    /// <summary>Not a usable answer (no redirect, another place, a wrong state): nothing in it is used.</summary>
    public sealed record Unusable(string Message) : AuthorizationOutcome;

    /// <summary>
    /// Reads the <c>Location</c> of auth's answer without following it. The code is taken only from a redirect to the
    /// app's own redirect URI carrying the state this request sent: anything else could be someone else's code
    /// (RFC 6749 §10.12), so it is refused rather than redeemed.
    /// </summary>
    public static AuthorizationOutcome Read(ConsoleResponse response, string redirectUri, string expectedState)
    {
        if (!response.Answered)
        {
            return new Unusable(response.TransportError ?? "The auth server did not answer.");
        }

        if (response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Location is not { } location)
        {
            var error = response.Member("error") is { } code ? $" ({code}: {response.Member("error_description")})" : "";
            return new Unusable($"Auth answered {response.Status}{error} instead of redirecting to the app's redirect URI. " +
                "The sandbox authorisation may not be available on this auth server.");
        }

        if (!SamePlace(location, redirectUri))
        {
            return new Unusable($"Auth redirected to {location.GetLeftPart(UriPartial.Path)}, not to the app's redirect URI {redirectUri}: " +
                "the sandbox authorisation did not complete (a sign-in page means auth asked for a person).");
        }

        var query = QueryHelpers.ParseQuery(location.Query);
        string? Value(string name) => query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

        if (!string.Equals(Value("state"), expectedState, StringComparison.Ordinal))
        {
            return new Unusable("The state in auth's redirect is not the one the console sent, so its answer was not used.");
        }

        if (Value("error") is { Length: > 0 } refused)
        {
            return new Refused(new OAuthError(refused, Value("error_description")));
        }

        return Value("code") is { Length: > 0 } value
            ? new Code(value)
            : new Unusable("Auth's redirect carried neither a code nor an error.");
    }

    // Scheme, host, port and path, as registered; the query is the answer.
    private static bool SamePlace(Uri location, string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var registered)
        && Uri.Compare(location, registered, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped,
            StringComparison.Ordinal) == 0;
}
