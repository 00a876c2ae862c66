using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wekeza.ServiceDefaults.Sandbox;

namespace Wekeza.Bench;

/// <summary>
/// A merchant app taking a customer's single payment, as far as the payment itself: the app creates a payment consent
/// with its own token, the customer authorises it at auth (choosing the account to pay from), and the app redeems the
/// code (PKCE) for an access token bound to that consent. Unlike <see cref="CustomerConsent"/> (account access, a new
/// sign-in each time, a refresh token), one signed-in <c>browser</c> authorises many consents, and there is no refresh
/// token to keep: a payment consent pays once, within the access token's minutes.
/// </summary>
internal sealed partial class PaymentConsentJourney(BenchEnvironment env, AppCredentials app, HttpClient http)
{
    public const string Scope = "payments.write";
    public const string Scopes = "openid " + Scope;

    private readonly AppToken _appToken = new(new ClientCredentialsGrant(env, app, Scope), http);
    private readonly Uri _consents = new(env.Api, "v1/payment-consents");

    /// <summary>A browser for one customer: its own cookies, so it signs in once and stays signed in.</summary>
    public HttpClient NewBrowser() => new(env.CreateHandler(new CookieContainer())) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>POST /v1/payment-consents as the app; the consent's id.</summary>
    public async Task<string> CreateConsentAsync(object initiation, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _consents) { Content = JsonContent.Create(new { initiation }) };
        request.Headers.Authorization = await _appToken.GetAsync(ct);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Expect(response.StatusCode == HttpStatusCode.Created, $"POST /v1/payment-consents answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("consentId").GetString()!;
    }

    /// <summary>
    /// The customer's side in <paramref name="browser"/> (signing in if it is not yet): authorize with the consent's id,
    /// pick <paramref name="accountId"/> on the consent screen, allow; then the app redeems the code. The access token,
    /// checked to carry the consent's id, and when it expires.
    /// </summary>
    public async Task<(string AccessToken, DateTimeOffset ExpiresAt)> AuthoriseAsync(HttpClient browser, string consentId, DebtorStream stream, CancellationToken ct)
    {
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

        var response = await FollowAsync(browser, new Uri(env.Auth, "connect/authorize?" + query), ct);
        for (var step = 0; step < 4; step++)
        {
            if (response.Headers.Location is not null)
            {
                var (token, expiresAt) = await RedeemAsync(AuthForms.RedirectTarget(response, "the authorize endpoint"), pkce, ct);
                Expect(CustomerConsent.ConsentIdOf(token) == consentId, $"the access token does not carry consent_id {consentId}");
                return (token, expiresAt);
            }

            var page = response.RequestMessage!.RequestUri!;
            var html = await response.Content.ReadAsStringAsync(ct);
            if (page.AbsolutePath.Equals("/account/login", StringComparison.OrdinalIgnoreCase))
            {
                var signedIn = await AuthForms.SubmitAsync(browser, page, html,
                    new() { ["Input.Email"] = stream.Customer.Email, ["Input.Password"] = TestCustomers.Password });
                response = await FollowAsync(browser, AuthForms.RedirectTarget(signedIn, "the login form"), ct);
            }
            else if (html.Contains("name=\"decision\"", StringComparison.Ordinal))
            {
                Expect(html.Contains($"value=\"{stream.AccountId}\"", StringComparison.Ordinal),
                    $"the consent screen does not offer {stream.AccountId} to {stream.Customer.Email}");
                // One account: a payment leaves from exactly one (a radio button on the screen).
                var decided = await AuthForms.SubmitAsync(browser, page, html, new() { ["decision"] = "allow" }, "/connect/authorize/decision",
                    [new KeyValuePair<string, string>("account", stream.AccountId)]);
                response = decided.Headers.Location is { } next && new Uri(page, next).Authority == env.Auth.Authority
                    ? await FollowAsync(browser, new Uri(page, next), ct)
                    : decided;
            }
            else
            {
                throw new BenchException($"Authorising {consentId} met an unexpected page {page.AbsolutePath} ({(int)response.StatusCode}): {Text(html)}");
            }
        }

        throw new BenchException($"Authorising {consentId} did not reach the app's redirect URI.");
    }

    private async Task<(string AccessToken, DateTimeOffset ExpiresAt)> RedeemAsync(Uri callback, Pkce pkce, CancellationToken ct)
    {
        Expect(callback.GetLeftPart(UriPartial.Path) == SandboxApp.RedirectUri, $"the journey ended at {callback.GetLeftPart(UriPartial.Path)}, not the app");
        var error = Param(callback, "error");
        Expect(error is null, $"auth answered the app with {error}: {Param(callback, "error_description")}");
        var code = Param(callback, "code");
        Expect(code is not null, "no code in the redirect to the app");

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(env.Auth, "connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code!,
                ["redirect_uri"] = SandboxApp.RedirectUri,
                ["code_verifier"] = pkce.Verifier,
            }),
        };
        request.Headers.Authorization = ClientCredentialsGrant.Basic(app);
        var requested = DateTimeOffset.UtcNow;
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Expect(response.IsSuccessStatusCode, $"the code redemption answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("access_token").GetString()!,
            requested.AddSeconds(json.RootElement.GetProperty("expires_in").GetInt32()));
    }

    /// <summary>GET and follow redirects while they stay at auth; the first one that leaves (to the app) is returned as is.</summary>
    private async Task<HttpResponseMessage> FollowAsync(HttpClient browser, Uri url, CancellationToken ct)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            var response = await browser.GetAsync(url, ct);
            if (response.Headers.Location is null || (int)response.StatusCode is < 300 or >= 400)
            {
                return response;
            }

            url = new Uri(url, response.Headers.Location);
            if (url.Authority != env.Auth.Authority)
            {
                return response;
            }

            response.Dispose();
        }

        throw new BenchException("Too many redirects while authorising a payment consent.");
    }

    private static string? Param(Uri uri, string name) =>
        Regex.Match(uri.Query, $"[?&]{name}=([^&]*)") is { Success: true } match ? Uri.UnescapeDataString(match.Groups[1].Value.Replace('+', ' ')) : null;

    private static string Text(string html) => Tags().Replace(html, " ") is var text && text.Length > 400 ? text[..400] : text;

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new BenchException("Preparing a payment consent failed: " + failure);
        }
    }

    [GeneratedRegex("<[^>]+>|\\s+")]
    private static partial Regex Tags();

    /// <summary>The app's own token, shared by the preparing sessions and renewed at half its life.</summary>
    private sealed class AppToken(ClientCredentialsGrant grant, HttpClient http)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private volatile Holder? _current;

        public async Task<AuthenticationHeaderValue> GetAsync(CancellationToken ct)
        {
            if (_current is { } fresh && DateTimeOffset.UtcNow < fresh.RenewAt)
            {
                return fresh.Bearer;
            }

            await _gate.WaitAsync(ct);
            try
            {
                if (_current is not { } current || DateTimeOffset.UtcNow >= current.RenewAt)
                {
                    var (token, lifetime) = await grant.RequestAsync(http, ct);
                    _current = current = new Holder(new AuthenticationHeaderValue("Bearer", token), DateTimeOffset.UtcNow + lifetime / 2);
                }

                return current.Bearer;
            }
            finally
            {
                _gate.Release();
            }
        }

        private sealed record Holder(AuthenticationHeaderValue Bearer, DateTimeOffset RenewAt);
    }
}
