using System.Text;

namespace Wekeza.Portal.Console;

/// <summary>
/// The <c>curl</c> command equivalent to what the console sent, in the docs' conventions: <c>$CA</c>, <c>$API</c>,
/// <c>$AUTH</c>, <c>$CLIENT_ID</c>/<c>$CLIENT_SECRET</c>, and the token as a shell variable unless the developer asks
/// for the real one. The client secret and PKCE verifier are never written out.
/// </summary>
public static class CurlCommand
{
    public const string TokenVariable = "TOKEN";

    private const string Start = "curl -s --cacert $CA";
    private const string BasicAuth = "-u \"$CLIENT_ID:$CLIENT_SECRET\"";
    private const string Continuation = " \\\n  ";

    /// <summary>
    /// An API call. The token is <c>$<paramref name="tokenVariable"/></c> unless <paramref name="realToken"/> is given;
    /// no Authorization header when the request goes without a token.
    /// </summary>
    public static string ForApi(ConsoleRequest request, string? realToken = null, string tokenVariable = TokenVariable)
    {
        var parts = new List<string> { Start + Method(request.Method) + " " + DoubleQuoted("$API", request.PathAndQuery) };
        if (request.Token != TokenKind.None)
        {
            parts.Add(realToken is null
                ? $"-H \"Authorization: Bearer ${tokenVariable}\""
                : "-H " + SingleQuoted("Authorization: Bearer " + realToken));
        }

        if (request.Body is not null)
        {
            parts.Add("-H " + SingleQuoted("content-type: " + ConsoleRequest.JsonMediaType));
        }

        parts.AddRange(request.Headers.Select(header => "-H " + SingleQuoted($"{header.Name}: {header.Value}")));
        if (request.Body is not null)
        {
            parts.Add("-d " + SingleQuoted(request.Body));
        }

        return string.Join(Continuation, parts);
    }

    public static string ForClientCredentials(IReadOnlyList<string> scopes) => string.Join(Continuation,
        $"{Start} {BasicAuth} \"$AUTH/{ConsoleAuthClient.TokenPath}\"",
        "-d grant_type=client_credentials -d " + SingleQuoted("scope=" + string.Join(' ', scopes)));

    /// <summary>Prints where auth redirects to, as docs/getting-started.md does; the challenge and state are the ones sent.</summary>
    public static string ForAuthorize(HeadlessAuthorization authorization) => string.Join(Continuation,
        $"{Start} -o /dev/null -w '%{{redirect_url}}\\n'",
        DoubleQuoted("$AUTH/", authorization.RelativeUri));

    public static string ForCodeRedemption(string redirectUri) => string.Join(Continuation,
        $"{Start} {BasicAuth} \"$AUTH/{ConsoleAuthClient.TokenPath}\"",
        "-d grant_type=authorization_code -d code=$CODE -d " + SingleQuoted("redirect_uri=" + redirectUri) + " -d code_verifier=$VERIFIER");

    public static string ForRefresh() => string.Join(Continuation,
        $"{Start} {BasicAuth} \"$AUTH/{ConsoleAuthClient.TokenPath}\"",
        "-d grant_type=refresh_token -d refresh_token=$REFRESH_TOKEN");

    private static string Method(string method) => method == "GET" ? "" : " -X " + method;

    /// <summary>Single quotes keep everything literal; a quote inside ends them, adds an escaped one, and reopens.</summary>
    public static string SingleQuoted(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// Double quotes so that <paramref name="variablePrefix"/> (<c>$API</c>) expands; in the literal rest, the four
    /// characters a shell still interprets there are escaped.
    /// </summary>
    public static string DoubleQuoted(string variablePrefix, string literal)
    {
        var quoted = new StringBuilder("\"").Append(variablePrefix);
        foreach (var character in literal)
        {
            if (character is '"' or '\\' or '$' or '`')
            {
                quoted.Append('\\');
            }

            quoted.Append(character);
        }

        return quoted.Append('"').ToString();
    }
}
