using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Wekeza.IntegrationTests.Identity;

public sealed record Person(string Email, string Password, string Name)
{
    public static Person NewDeveloper() => new($"dev-{Guid.NewGuid():N}@example.com", "Correct-Horse-Battery-9", "Wanjiru Test");
}

/// <summary>A PKCE pair (RFC 7636, S256).</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce New()
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(48));
        return new Pkce(verifier, WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }
}

/// <summary>The steps people and clients take through auth, written once for every test that needs them.</summary>
public sealed class Journeys(PlatformFixture platform)
{
    public const string PortalClientId = "wekeza-portal";

    public Uri Auth { get; } = new(platform.App.GetEndpoint("auth") + "/");

    public Mailbox Mailbox { get; } = new(platform.DataDirectory);

    public string PortalRedirectUri => platform.App.GetEndpoint("portal") + "/signin-oidc";

    public string PortalClientSecret =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(platform.DataDirectory, "secrets.json")))!["portal-client-secret"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async Task<HttpResponseMessage> RegisterAsync(Browser browser, Person person, string? confirmPassword = null)
    {
        var page = new Uri(Auth, "account/register");
        var html = await (await browser.GetAsync(page.AbsoluteUri)).Content.ReadAsStringAsync(Cancel);
        return await browser.SubmitAsync(page, html, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = person.Name,
            ["Input.Email"] = person.Email,
            ["Input.Password"] = person.Password,
            ["Input.ConfirmPassword"] = confirmPassword ?? person.Password,
        });
    }

    public async Task VerifyAsync(Browser browser, Person person)
    {
        var email = await Mailbox.WaitForAsync(person.Email, "Verify your email", Cancel);
        using var response = await browser.GetAsync(Mailbox.LinkIn(email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A developer who registered and verified their email, ready to sign in.</summary>
    public async Task<Person> NewVerifiedDeveloperAsync()
    {
        var person = Person.NewDeveloper();
        using var browser = new Browser(platform);
        using var registered = await RegisterAsync(browser, person);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        await VerifyAsync(browser, person);
        return person;
    }

    public async Task<HttpResponseMessage> SignInAsync(Browser browser, Person person, string? returnUrl = null)
    {
        var page = new Uri(Auth, "account/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        var html = await (await browser.GetAsync(page.AbsoluteUri)).Content.ReadAsStringAsync(Cancel);
        return await browser.SubmitAsync(page, html, new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });
    }

    public string AuthorizeUrl(string clientId, string redirectUri, string scope, Pkce? pkce, string state = "state-1", IDictionary<string, string?>? extra = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["nonce"] = "nonce-1",
        };
        if (pkce is not null)
        {
            query["code_challenge"] = pkce.Challenge;
            query["code_challenge_method"] = "S256";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            query[key] = value;
        }

        return QueryHelpers.AddQueryString(new Uri(Auth, "connect/authorize").AbsoluteUri, query);
    }

    /// <summary>
    /// Follows an authorization request as the person would: signs in when asked, answers the consent screen when
    /// shown, and stops at the first redirect that leaves auth (the client's redirect URI), which it returns.
    /// </summary>
    /// <remarks>On a consent screen with an account picker, <paramref name="accounts"/> are the ones ticked.</remarks>
    public async Task<Uri> AuthorizeAsync(Browser browser, Person person, string authorizeUrl, bool consent = true, IEnumerable<string>? accounts = null)
    {
        bool LeavesAuth(Uri uri) => uri.Authority != Auth.Authority;
        var response = await browser.FollowAsync(authorizeUrl, LeavesAuth);
        for (var step = 0; step < 4; step++)
        {
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                return response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location : new Uri(Auth, response.Headers.Location!);
            }

            var page = response.RequestMessage!.RequestUri!;
            var html = await response.Content.ReadAsStringAsync(Cancel);
            if (page.AbsolutePath == "/account/login")
            {
                var signedIn = await browser.SubmitAsync(page, html, new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
                response = await browser.FollowAsync(new Uri(Auth, signedIn.Headers.Location!).AbsoluteUri, LeavesAuth);
            }
            else if (html.Contains("name=\"decision\"", StringComparison.Ordinal))
            {
                response = await browser.SubmitAsync(page, html, new Dictionary<string, string> { ["decision"] = consent ? "allow" : "deny" }, "/connect/authorize/decision",
                    (accounts ?? []).Select(account => new KeyValuePair<string, string>("account", account)));
            }
            else
            {
                throw new InvalidOperationException($"Unexpected page {page} ({(int)response.StatusCode}): {html[..Math.Min(html.Length, 600)]}");
            }
        }

        throw new InvalidOperationException("The authorization did not finish.");
    }

    public async Task<HttpResponseMessage> RedeemCodeAsync(string clientId, string clientSecret, string code, string redirectUri, string? verifier)
    {
        using var http = platform.CreateClient("auth");
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        return await http.SendAsync(TokenRequest(clientId, clientSecret, form), Cancel);
    }

    public async Task<HttpResponseMessage> TokenAsync(string clientId, string clientSecret, Dictionary<string, string> form)
    {
        using var http = platform.CreateClient("auth");
        return await http.SendAsync(TokenRequest(clientId, clientSecret, form), Cancel);
    }

    /// <summary>Tokens for the portal's client for this developer: what the portal holds after sign-in.</summary>
    public async Task<JsonElement> PortalTokensAsync(Person person, string scope = "openid profile email roles offline_access apps.manage")
    {
        using var browser = new Browser(platform);
        var pkce = Pkce.New();
        var url = AuthorizeUrl(PortalClientId, PortalRedirectUri, scope, pkce);
        var callback = await AuthorizeAsync(browser, person, url);
        var code = QueryHelpers.ParseQuery(callback.Query)["code"].ToString();
        using var response = await RedeemCodeAsync(PortalClientId, PortalClientSecret, code, PortalRedirectUri, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    /// <summary>An HTTP client for auth's apps API, as the portal calls it with the developer's token.</summary>
    public HttpClient AppsApi(string accessToken)
    {
        var http = platform.CreateClient("auth");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }

    public sealed record CreatedApp(string Id, string ClientId, string ClientSecret, string RedirectUri);

    /// <summary>A developer and a sandbox app of theirs with these scopes.</summary>
    public async Task<(Person Developer, string AccessToken, CreatedApp App)> NewAppAsync(params string[] scopes)
    {
        var developer = await NewVerifiedDeveloperAsync();
        var accessToken = (await PortalTokensAsync(developer)).GetProperty("access_token").GetString()!;
        using var apps = AppsApi(accessToken);
        var redirectUri = $"https://app-{Guid.NewGuid():N}.example/callback";
        using var response = await apps.PostAsJsonAsync("/v1/apps", new { name = "Budget Buddy", redirectUris = new[] { redirectUri }, scopes }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var app = body.GetProperty("app");
        return (developer, accessToken, new CreatedApp(app.GetProperty("id").GetString()!, app.GetProperty("clientId").GetString()!,
            body.GetProperty("clientSecret").GetString()!, redirectUri));
    }

    public static HttpRequestMessage TokenRequest(string clientId, string clientSecret, Dictionary<string, string> form) => new(HttpMethod.Post, "/connect/token")
    {
        Content = new FormUrlEncodedContent(form),
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}"))) },
    };
}
