using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Wekeza.Portal.Console;

/// <summary>
/// Auth's OAuth endpoints as an app calls them, with the app's own client id and secret: the console plays the
/// developer's app. Its HTTP client never follows redirects, so the authorization endpoint's 302 can be read.
/// </summary>
public sealed class ConsoleAuthClient(HttpClient http, TimeProvider clock, ILogger<ConsoleAuthClient> logger)
{
    /// <summary>The client's name for IHttpClientFactory.</summary>
    public const string HttpClientName = "console-auth";

    public const string TokenPath = "connect/token";

    private const string Service = "auth server";

    public Task<TokenResult> ClientCredentialsAsync(ClientCredentials client, IReadOnlyList<string> scopes, CancellationToken cancellationToken) =>
        TokenAsync(client, [new("grant_type", "client_credentials"), new("scope", string.Join(' ', scopes))], cancellationToken);

    public Task<TokenResult> RedeemCodeAsync(
        ClientCredentials client, string code, string redirectUri, string verifier, CancellationToken cancellationToken) =>
        TokenAsync(client,
            [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri), new("code_verifier", verifier)],
            cancellationToken);

    public Task<TokenResult> RefreshAsync(ClientCredentials client, string refreshToken, CancellationToken cancellationToken) =>
        TokenAsync(client, [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken);

    /// <summary>The headless authorisation; its answer is a redirect, read with <see cref="AuthorizationOutcome.Read"/>.</summary>
    public async Task<ConsoleResponse> AuthorizeAsync(HeadlessAuthorization authorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, authorization.RelativeUri);
        return await ConsoleHttp.SendAsync(http, request, Service, clock, logger, cancellationToken);
    }

    private async Task<TokenResult> TokenAsync(
        ClientCredentials client, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath) { Content = new FormUrlEncodedContent(form) };
        // RFC 6749 §2.3.1: each part form-encoded, then joined and base64-encoded.
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(client.ClientId)}:{Uri.EscapeDataString(client.Secret)}")));
        var response = await ConsoleHttp.SendAsync(http, request, Service, clock, logger, cancellationToken);
        if (!response.Answered)
        {
            return new TokenResult(response, null, null);
        }

        var json = response.Json();
        if (response.IsSuccess && json is { ValueKind: JsonValueKind.Object } tokens && ConsoleJson.String(tokens, "access_token") is { } access)
        {
            var lifetime = tokens.TryGetProperty("expires_in", out var expiresIn) && expiresIn.TryGetInt32(out var seconds) ? seconds : 300;
            return new TokenResult(response,
                new TokenSet(access, ConsoleJson.String(tokens, "refresh_token"), clock.GetUtcNow().AddSeconds(lifetime),
                    ConsoleJson.String(tokens, "scope")),
                null);
        }

        var error = json is { } answer && ConsoleJson.String(answer, "error") is { } code
            ? new OAuthError(code, ConsoleJson.String(answer, "error_description"))
            : new OAuthError("unexpected_answer", string.Create(CultureInfo.InvariantCulture,
                $"Auth answered {response.Status} without tokens or an OAuth error."));
        return new TokenResult(response, null, error);
    }
}

/// <summary>A token endpoint's answer: tokens, an OAuth error, or (neither) no answer at all.</summary>
public sealed record TokenResult(ConsoleResponse Response, TokenSet? Tokens, OAuthError? Error)
{
    /// <summary>Why there are no tokens, in words; null when there are.</summary>
    public string? Problem(string what) => Tokens is not null ? null : ConsoleWords.TokenRefused(what, Response, Error);
}
