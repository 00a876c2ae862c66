using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wekeza.Bench;

/// <summary>A customer's tokens for an app: short-lived access, rotating refresh.</summary>
internal sealed record CustomerTokens(string AccessToken, string RefreshToken, TimeSpan Lifetime);

/// <summary>
/// The open-banking journey as an app and a customer go through it, over HTTP as a browser would: the app creates a
/// consent with its own (client-credentials) token, sends the customer to auth's authorize endpoint with the consent's
/// id, the customer signs in, ticks accounts and allows, and the app redeems the code (PKCE) for tokens bound to the
/// consent. The app needs a redirect URI of <see cref="SandboxApp.RedirectUri"/>; the code is read off the redirect.
/// </summary>
internal sealed class CustomerConsent(BenchEnvironment env, AppCredentials app)
{
    public const string Scopes = "openid offline_access accounts.read transactions.read";

    public static readonly string[] Permissions = ["ReadAccounts", "ReadBalances", "ReadTransactions"];

    private readonly Uri _tokenEndpoint = new(env.Auth, "connect/token");

    /// <summary>POST /v1/consents as the app; the consent's id.</summary>
    public async Task<string> CreateAsync(HttpClient http, TimeSpan lifetime)
    {
        var (appToken, _) = await new ClientCredentialsGrant(env, app, "accounts.read").RequestAsync(http);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(env.Api, "v1/consents"))
        {
            Content = JsonContent.Create(new { permissions = Permissions, expiresAt = DateTimeOffset.UtcNow.Add(lifetime) }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", appToken);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Expect(response.StatusCode == HttpStatusCode.Created, $"POST /v1/consents answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("consentId").GetString()!;
    }

    /// <summary>The customer's side: sign in, tick <paramref name="accountIds"/>, allow; then the app redeems the code.</summary>
    public async Task<CustomerTokens> AuthoriseAsync(string consentId, string email, string password, IReadOnlyList<string> accountIds)
    {
        using var browser = new HttpClient(env.CreateHandler(new CookieContainer()));
        var pkce = Pkce.New();
        var query = string.Join("&", new Dictionary<string, string>
        {
            ["client_id"] = app.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = SandboxApp.RedirectUri,
            ["scope"] = Scopes,
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = AuthForms.Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["nonce"] = AuthForms.Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["consent_id"] = consentId,
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var response = await FollowAsync(browser, new Uri(env.Auth, "connect/authorize?" + query));
        for (var step = 0; step < 4; step++)
        {
            if (response.Headers.Location is not null)
            {
                return await RedeemAsync(browser, AuthForms.RedirectTarget(response, "the authorize endpoint"), pkce);
            }

            var page = response.RequestMessage!.RequestUri!;
            var html = await response.Content.ReadAsStringAsync();
            if (page.AbsolutePath.Equals("/account/login", StringComparison.OrdinalIgnoreCase))
            {
                var signedIn = await AuthForms.SubmitAsync(browser, page, html, new() { ["Input.Email"] = email, ["Input.Password"] = password });
                response = await FollowAsync(browser, AuthForms.RedirectTarget(signedIn, "the login form"));
            }
            else if (html.Contains("name=\"decision\"", StringComparison.Ordinal))
            {
                var missing = accountIds.Where(id => !html.Contains($"value=\"{id}\"", StringComparison.Ordinal)).ToList();
                Expect(missing.Count == 0, $"the consent screen does not offer {string.Join(", ", missing)} to {email}");
                var decided = await AuthForms.SubmitAsync(browser, page, html, new() { ["decision"] = "allow" }, "/connect/authorize/decision",
                    accountIds.Select(id => new KeyValuePair<string, string>("account", id)));
                response = decided.Headers.Location is { } next && new Uri(page, next).Authority == env.Auth.Authority
                    ? await FollowAsync(browser, new Uri(page, next))
                    : decided;
            }
            else
            {
                throw new BenchException($"The consent journey met an unexpected page {page.AbsolutePath} ({(int)response.StatusCode}): {Text(html)}");
            }
        }

        throw new BenchException("The consent journey did not reach the app's redirect URI.");
    }

    /// <summary>A new access token from the refresh token. Refresh tokens rotate: use the one returned, never this one again.</summary>
    public Task<CustomerTokens> RefreshAsync(HttpClient http, string refreshToken, CancellationToken cancellationToken = default) =>
        TokenAsync(http, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, cancellationToken);

    /// <summary>The consent the access token is bound to (its <c>consent_id</c> claim); decoding only.</summary>
    public static string? ConsentIdOf(string accessToken)
    {
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(accessToken.Split('.')[1]));
        return payload.RootElement.TryGetProperty("consent_id", out var claim) ? claim.GetString() : null;
    }

    private async Task<CustomerTokens> RedeemAsync(HttpClient http, Uri callback, Pkce pkce)
    {
        Expect(callback.GetLeftPart(UriPartial.Path) == SandboxApp.RedirectUri, $"the journey ended at {callback.GetLeftPart(UriPartial.Path)}, not the app");
        var error = Param(callback, "error");
        Expect(error is null, $"auth answered the app with {error}: {Param(callback, "error_description")}");
        var code = Param(callback, "code");
        Expect(code is not null, "no code in the redirect to the app");
        return await TokenAsync(http, new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code!,
            ["redirect_uri"] = SandboxApp.RedirectUri,
            ["code_verifier"] = pkce.Verifier,
        });
    }

    private async Task<CustomerTokens> TokenAsync(HttpClient http, Dictionary<string, string> form, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = ClientCredentialsGrant.Basic(app);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Expect(response.IsSuccessStatusCode, $"the token endpoint answered {form["grant_type"]} with {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Expect(root.TryGetProperty("refresh_token", out var refresh), "no refresh token (offline_access) in the token response");
        return new CustomerTokens(root.GetProperty("access_token").GetString()!, refresh.GetString()!,
            TimeSpan.FromSeconds(root.GetProperty("expires_in").GetInt32()));
    }

    /// <summary>GET and follow redirects while they stay at auth; the first one that leaves (to the app) is returned as is.</summary>
    private async Task<HttpResponseMessage> FollowAsync(HttpClient browser, Uri url)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            var response = await browser.GetAsync(url);
            if (response.Headers.Location is null || (int)response.StatusCode is < 300 or >= 400)
            {
                return response;
            }

            url = new Uri(url, response.Headers.Location);
            if (url.Authority != env.Auth.Authority)
            {
                return response;
            }
        }

        throw new BenchException("Too many redirects in the consent journey.");
    }

    private static string? Param(Uri uri, string name) =>
        Regex.Match(uri.Query, $"[?&]{name}=([^&]*)") is { Success: true } match ? Uri.UnescapeDataString(match.Groups[1].Value.Replace('+', ' ')) : null;

    private static string Text(string html) => Regex.Replace(html, "<[^>]+>|\\s+", " ") is var text && text.Length > 400 ? text[..400] : text;

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new BenchException("The consent journey failed: " + failure);
        }
    }
}
