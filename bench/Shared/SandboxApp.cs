using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wekeza.Bench;

/// <summary>A sandbox app's client credentials.</summary>
internal sealed record AppCredentials(string ClientId, string ClientSecret);

/// <summary>
/// Gets a client for the client-credentials grant the way a developer does: register through auth's forms, follow
/// the verification link from the mail folder, sign in to the portal client (authorization code + PKCE), and create
/// an app with the scopes a bench needs through the apps API. Each run makes one throwaway developer and app in the sandbox.
/// </summary>
internal static partial class SandboxApp
{
    /// <summary>The app's one redirect URI: nothing listens there; a bench reads the code from the redirect itself.</summary>
    public const string RedirectUri = "https://bench.example/cb";

    private const string PortalClientId = "wekeza-portal";
    private const string Password = "Bench-Horse-Battery-9";
    private const string Failed = "Creating a sandbox app failed: ";

    public static async Task<AppCredentials> GetAsync(BenchOptions options, BenchEnvironment env, params string[] scopes)
    {
        if (options.Get("client-id") is { } id && options.Get("client-secret") is { } secret)
        {
            return new AppCredentials(id, secret);
        }

        var credentials = await CreateAsync(env, scopes);
        Console.WriteLine($"Created sandbox app {credentials.ClientId} (pass --client-id/--client-secret to reuse an app instead)");
        return credentials;
    }

    public static async Task<AppCredentials> CreateAsync(BenchEnvironment env, params string[] scopes)
    {
        try
        {
            return await RegisterAndCreateAsync(env, scopes);
        }
        catch (BenchException ex) when (!ex.Message.StartsWith(Failed, StringComparison.Ordinal))
        {
            throw new BenchException(Failed + ex.Message);
        }
    }

    private static async Task<AppCredentials> RegisterAndCreateAsync(BenchEnvironment env, string[] scopes)
    {
        using var http = new HttpClient(env.CreateHandler(new CookieContainer())) { BaseAddress = env.Auth };
        var email = $"bench-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}@example.com";
        var startedAt = DateTime.UtcNow.AddSeconds(-1);

        await AuthForms.PostFormAsync(http, new Uri(env.Auth, "account/register"), new()
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
                redirectUris = new[] { RedirectUri },
                scopes,
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
        var pkce = Pkce.New();

        var query = string.Join("&", new Dictionary<string, string>
        {
            ["client_id"] = PortalClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = "openid apps.manage",
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = AuthForms.Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["nonce"] = AuthForms.Base64Url(RandomNumberGenerator.GetBytes(16)),
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var toLogin = await GetAsync(http, new Uri(env.Auth, "connect/authorize?" + query));
        var loginUri = AuthForms.RedirectTarget(toLogin, "the authorize endpoint");
        var signedIn = await AuthForms.PostFormAsync(http, loginUri, new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        var back = await GetAsync(http, AuthForms.RedirectTarget(signedIn, "the login form"));
        var callback = AuthForms.RedirectTarget(back, "the authorize endpoint after sign-in");
        var code = Regex.Match(callback.Query, "[?&]code=([^&]+)").Groups[1].Value;
        Expect(code.Length > 0, $"no code in the redirect to {callback.GetLeftPart(UriPartial.Path)}");

        using var tokens = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = Uri.UnescapeDataString(code),
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = pkce.Verifier,
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

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, Uri uri) => http.GetAsync(uri);

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new BenchException(Failed + failure);
        }
    }

    [GeneratedRegex(@"https://[^\s""<>]+/account/confirm-email\?[^\s""<>]+")]
    private static partial Regex ConfirmLink();
}
