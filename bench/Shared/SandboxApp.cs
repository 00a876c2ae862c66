using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wekeza.Bench;

/// <summary>A sandbox app's client credentials.</summary>
internal sealed record AppCredentials(string ClientId, string ClientSecret);

/// <summary>
/// Gets a client for the client-credentials grant the way a developer does: register through auth's forms, follow
/// the verification link from the mail folder, sign in to the portal client (authorization code + PKCE), and create
/// an app through the apps API. Each run makes one throwaway developer and app in the sandbox.
/// </summary>
internal static partial class SandboxApp
{
    private const string PortalClientId = "wekeza-portal";
    private const string Password = "Bench-Horse-Battery-9";

    public static async Task<AppCredentials> GetAsync(BenchOptions options, BenchEnvironment env, string scope)
    {
        if (options.Get("client-id") is { } id && options.Get("client-secret") is { } secret)
        {
            return new AppCredentials(id, secret);
        }

        var credentials = await CreateAsync(env, scope);
        Console.WriteLine($"Created sandbox app {credentials.ClientId} (pass --client-id/--client-secret to reuse an app instead)");
        return credentials;
    }

    public static async Task<AppCredentials> CreateAsync(BenchEnvironment env, string scope)
    {
        using var http = new HttpClient(env.CreateHandler(new CookieContainer())) { BaseAddress = env.Auth };
        var email = $"bench-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}@example.com";
        var startedAt = DateTime.UtcNow.AddSeconds(-1);

        await PostFormAsync(http, "account/register", new()
        {
            ["Input.DisplayName"] = "Bench Runner",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        var confirm = await GetAsync(http, await FindVerificationLinkAsync(env, email, startedAt));
        Expect(confirm.IsSuccessStatusCode, $"email confirmation answered {(int)confirm.StatusCode}");

        var portalToken = await SignInToPortalAsync(http, env, email);

        using var create = new HttpRequestMessage(HttpMethod.Post, "v1/apps")
        {
            Content = JsonContent.Create(new
            {
                name = $"Bench {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}",
                redirectUris = new[] { "https://bench.example/cb" },
                scopes = new[] { scope },
            }),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", portalToken);
        using var created = await http.SendAsync(create);
        var body = await created.Content.ReadAsStringAsync();
        Expect(created.StatusCode == HttpStatusCode.Created, $"POST /v1/apps answered {(int)created.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return new AppCredentials(
            json.RootElement.GetProperty("app").GetProperty("clientId").GetString()!,
            json.RootElement.GetProperty("clientSecret").GetString()!);
    }

    /// <summary>The portal's own sign-in: code flow with PKCE (S256), the portal client being first-party (no consent page).</summary>
    private static async Task<string> SignInToPortalAsync(HttpClient http, BenchEnvironment env, string email)
    {
        using var secrets = JsonDocument.Parse(await File.ReadAllTextAsync(env.SecretsPath));
        var portalSecret = secrets.RootElement.GetProperty("portal-client-secret").GetString()!;
        var redirectUri = new Uri(env.Portal, "signin-oidc").AbsoluteUri;
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

        var query = string.Join("&", new Dictionary<string, string>
        {
            ["client_id"] = PortalClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = "openid apps.manage",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["nonce"] = Base64Url(RandomNumberGenerator.GetBytes(16)),
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var toLogin = await GetAsync(http, new Uri(env.Auth, "connect/authorize?" + query));
        var loginUri = RedirectTarget(toLogin, "the authorize endpoint");
        var signedIn = await PostFormAsync(http, loginUri, new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        var back = await GetAsync(http, RedirectTarget(signedIn, "the login form"));
        var callback = RedirectTarget(back, "the authorize endpoint after sign-in");
        var code = Regex.Match(callback.Query, "[?&]code=([^&]+)").Groups[1].Value;
        Expect(code.Length > 0, $"no code in the redirect to {callback.GetLeftPart(UriPartial.Path)}");

        using var tokens = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = Uri.UnescapeDataString(code),
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
            ["client_id"] = PortalClientId,
            ["client_secret"] = portalSecret,
        }));
        var body = await tokens.Content.ReadAsStringAsync();
        Expect(tokens.IsSuccessStatusCode, $"the portal's code redemption answered {(int)tokens.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Auth writes each mail as an .eml file; ours is the newest one addressed to this run's email.</summary>
    private static async Task<Uri> FindVerificationLinkAsync(BenchEnvironment env, string email, DateTime since)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var mail = new DirectoryInfo(env.MailDirectory).EnumerateFiles("*.eml")
                .Where(f => f.LastWriteTimeUtc >= since)
                .Select(f => File.ReadAllText(f.FullName))
                .FirstOrDefault(text => text.Contains(email, StringComparison.OrdinalIgnoreCase));
            if (mail is not null)
            {
                if (mail.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase))
                {
                    mail = mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal)
                        .Replace("=3D", "=", StringComparison.Ordinal);
                }

                var link = ConfirmLink().Match(mail);
                Expect(link.Success, "the verification mail has no confirm-email link");
                return new Uri(WebUtility.HtmlDecode(link.Value));
            }

            await Task.Delay(100);
        }

        throw new BenchException($"No verification mail for {email} appeared in {env.MailDirectory} within 10 s.");
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, Dictionary<string, string> fields) =>
        await PostFormAsync(http, new Uri(http.BaseAddress!, path), fields);

    /// <summary>GET the form (for its antiforgery token and cookie), then POST it.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, Uri form, Dictionary<string, string> fields)
    {
        var page = await http.GetStringAsync(form);
        var token = AntiforgeryToken().Match(page);
        Expect(token.Success, $"no antiforgery token in {form.AbsolutePath}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        var response = await http.PostAsync(form, new FormUrlEncodedContent(fields));
        Expect((int)response.StatusCode < 400, $"POST {form.AbsolutePath} answered {(int)response.StatusCode}");
        return response;
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, Uri uri) => http.GetAsync(uri);

    private static Uri RedirectTarget(HttpResponseMessage response, string what)
    {
        Expect(response.Headers.Location is not null,
            $"{what} answered {(int)response.StatusCode} where a redirect was expected (a consent page or an error?)");
        return new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
    }

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new BenchException("Creating a sandbox app failed: " + failure);
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex(@"https://[^\s""<>]+/account/confirm-email\?[^\s""<>]+")]
    private static partial Regex ConfirmLink();
}
