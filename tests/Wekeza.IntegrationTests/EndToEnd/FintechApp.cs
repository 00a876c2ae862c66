using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.Identity;
using Wekeza.ServiceDefaults.Tls;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Client.AspNetCore.OpenIddictClientAspNetCoreConstants;

namespace Wekeza.IntegrationTests.EndToEnd;

/// <summary>
/// A third-party app as a fintech would build it, hosted in the test process: ASP.NET Core with OpenIddict's client,
/// told only the bank's issuer (everything else comes from the discovery document), its sandbox client id and secret,
/// and the API's address. <c>/login?consent=…</c> sends the customer to the bank with the consent, <c>/callback</c>
/// finishes the code flow (state, iss, id_token, PKCE) and keeps the access token in the app's own session cookie,
/// <c>/accounts</c> answers with whatever the API answers for that token.
/// </summary>
public sealed class FintechApp(PlatformFixture platform) : IAsyncLifetime
{
    private const string SessionScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    private const string ApiClient = "bank-api";

    private WebApplication? _app;

    /// <summary>Its name at the bank, which the consent screen and the portal show; unique, so a test can find it.</summary>
    public string Name { get; } = $"Pesa Tracker {Guid.NewGuid().ToString("N")[..6]}";

    public Uri Address { get; private set; } = null!;

    /// <summary>The sandbox app at the bank, with this app's <c>/callback</c> as its redirect URI.</summary>
    public Journeys.CreatedApp Registration { get; private set; } = null!;

    public string LoginUrl(string consentId) => new Uri(Address, "login?consent=" + Uri.EscapeDataString(consentId)).AbsoluteUri;

    public string AccountsUrl => new Uri(Address, "accounts").AbsoluteUri;

    public async ValueTask InitializeAsync()
    {
        // The bank matches redirect URIs exactly and the port is only known once Kestrel listens, so the client
        // registration gets its credentials after start, before any customer arrives. Its redirect URI is relative,
        // resolved against the request, as the portal's is. OpenIddict decides at start whether a registration is
        // confidential (has a secret), so that is said outright here; the secret itself is only read per request.
        var registration = new OpenIddictClientRegistration
        {
            Issuer = new Uri(platform.App.GetEndpoint("auth") + "/"),
            ClientType = ClientTypes.Confidential,
            RedirectUri = new Uri("callback", UriKind.Relative),
        };
        registration.Scopes.UnionWith(ConsentJourney.DataScopes.Split(' '));

        _app = Build(registration);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        Address = new Uri(_app.Urls.Single().TrimEnd('/') + "/");
        Registration = await RegisterAtTheBankAsync(new Uri(Address, "callback").AbsoluteUri);
        (registration.ClientId, registration.ClientSecret) = (Registration.ClientId, Registration.ClientSecret);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private WebApplication Build(OpenIddictClientRegistration registration)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();

        // Every back-channel call (discovery, JWKS, PAR, token, userinfo, the API) trusts the stack's local CA.
        var caPath = platform.App.Certificates!.CaCertificatePath;
        builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => LocalCaTrust.CreateHandler(caPath)));
        builder.Services.AddHttpClient(ApiClient, http => http.BaseAddress = new Uri(platform.App.GetEndpoint("api") + "/"));

        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddAuthentication(SessionScheme).AddCookie(options => options.Cookie.Name = "pesa-tracker-session");
        builder.Services.AddOpenIddict().AddClient(client =>
        {
            // Code flow with PKCE (S256) is OpenIddict's default for a code flow.
            client.AllowAuthorizationCodeFlow();
            // Only protects the state token this app hands itself; nothing outlives the process.
            client.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            client.DisableTokenStorage();
            client.UseAspNetCore()
                .EnableRedirectionEndpointPassthrough()
                // Plain http on loopback, as a developer runs a sandbox app.
                .DisableTransportSecurityRequirement()
                // Its state cookie defaults to SameSite=None; Secure. Over plain http nothing obliges a client to
                // send a Secure cookie back (Chromium does on loopback, HttpClient never does), so it is Lax here,
                // which browsers still send on the top-level redirect back from the bank.
                .Configure(options =>
                {
                    options.CookieBuilder.SameSite = SameSiteMode.Lax;
                    options.CookieBuilder.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                });
            client.UseSystemNetHttp();
            client.AddRegistration(registration);
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/login", (string consent) => Results.Challenge(
            new AuthenticationProperties(new Dictionary<string, string?>(), new Dictionary<string, object?> { ["consent_id"] = consent })
            {
                RedirectUri = "/accounts",
            },
            [OpenIddictClientAspNetCoreDefaults.AuthenticationScheme]));
        app.MapGet("/callback", (Delegate)CallbackAsync);
        app.MapGet("/accounts", AccountsAsync);
        return app;
    }

    private static async Task<IResult> CallbackAsync(HttpContext context)
    {
        // OpenIddict has checked the state against its cookie, the iss parameter and the identity token, and redeemed
        // the code with the PKCE verifier; what is left is the app's own session.
        var result = await context.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        if (result.Properties?.GetTokenValue(Tokens.BackchannelAccessToken) is not { } accessToken)
        {
            return Results.Problem(result.Failure?.Message ?? "No access token.", statusCode: StatusCodes.Status400BadRequest);
        }

        var identity = new ClaimsIdentity(SessionScheme);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, result.Principal!.FindFirstValue(ClaimTypes.NameIdentifier) ?? ""));
        var session = new AuthenticationProperties { RedirectUri = result.Properties.RedirectUri ?? "/accounts" };
        session.StoreTokens([new AuthenticationToken { Name = "access_token", Value = accessToken }]);
        return Results.SignIn(new ClaimsPrincipal(identity), session, SessionScheme);
    }

    private static async Task<IResult> AccountsAsync(HttpContext context, IHttpClientFactory factory)
    {
        if (await context.GetTokenAsync(SessionScheme, "access_token") is not { } accessToken)
        {
            return Results.Unauthorized();
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/accounts");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await factory.CreateClient(ApiClient).SendAsync(request, context.RequestAborted);
        return Results.Content(await response.Content.ReadAsStringAsync(context.RequestAborted),
            response.Content.Headers.ContentType?.ToString(), statusCode: (int)response.StatusCode);
    }

    /// <summary>What the fintech's developer does once, in the portal: a sandbox app with this redirect URI.</summary>
    private async Task<Journeys.CreatedApp> RegisterAtTheBankAsync(string redirectUri)
    {
        var cancel = TestContext.Current.CancellationToken;
        var journeys = new Journeys(platform);
        var developer = await journeys.NewVerifiedDeveloperAsync();
        var portalToken = (await journeys.PortalTokensAsync(developer)).GetProperty("access_token").GetString()!;
        using var apps = journeys.AppsApi(portalToken);
        using var response = await apps.PostAsJsonAsync("/v1/apps",
            new { name = Name, redirectUris = new[] { redirectUri }, scopes = new[] { "accounts.read", "transactions.read" } }, cancel);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancel);
        var app = body.GetProperty("app");
        return new Journeys.CreatedApp(app.GetProperty("id").GetString()!, app.GetProperty("clientId").GetString()!,
            body.GetProperty("clientSecret").GetString()!, redirectUri);
    }
}
