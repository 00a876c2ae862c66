using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Client;
using Wekeza.Portal.Account.Sessions;
using Wekeza.Portal.Platform;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Portal.Account;

internal static class PortalAuthentication
{
    public const string ClientIdKey = "Portal:Auth:ClientId";
    public const string ClientSecretKey = "Portal:Auth:ClientSecret";
    public const string DefaultClientId = "wekeza-portal";
    public const string AppsScope = "apps.manage";

    /// <summary>How long a portal session lasts; the cookie and the server-side tokens expire together.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    /// <summary>
    /// The portal session is a cookie; the user signs in at auth (authorization code + PKCE) through the OpenIddict
    /// client. Without a configured auth server the portal still serves its public pages, with sign-in unavailable.
    /// </summary>
    public static IHostApplicationBuilder AddPortalAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = AccountPaths.Login;
                options.ReturnUrlParameter = AccountPaths.ReturnUrlParameter;
                options.AccessDeniedPath = AccountPaths.DevelopersOnly;
                options.ExpireTimeSpan = SessionLifetime;
                // Absolute expiry: the tokens behind the session expire at a fixed time too.
                options.SlidingExpiration = false;
                options.Cookie.Name = "__Host-wekeza-portal";
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                // Lax, not Strict: the browser must send it when auth redirects back to the callback.
                options.Cookie.SameSite = SameSiteMode.Lax;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ISessionTokenStorage, RedisSessionTokenStorage>();
        builder.Services.AddSingleton<SessionTokenStore>();
        builder.Services.AddScoped<CurrentSession>();

        var issuer = new PlatformLinks(builder.Configuration).AuthIssuer;
        if (issuer is not null)
        {
            builder.AddOpenIddictClient(issuer);
        }
        else
        {
            builder.Services.AddSingleton<ITokenRefresher, NoAuthServerRefresher>();
        }

        return builder;
    }

    private static void AddOpenIddictClient(this IHostApplicationBuilder builder, Uri issuer)
    {
        builder.Services.AddSingleton<ITokenRefresher, OpenIddictTokenRefresher>();
        builder.Services.AddOpenIddict().AddClient(client =>
        {
            client.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();

            // State tokens are protected with Data Protection, whose keys live in Redis, so the callback may land on
            // any replica. OpenIddict still insists on keys of its own for interactive flows; ephemeral ones are
            // enough because nothing is protected with them.
            client.UseDataProtection();
            client.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            // No token database here: the authorization code is single-use at auth and bound to this client by PKCE,
            // and the state token to this browser by OpenIddict's request-forgery cookie.
            client.DisableTokenStorage();

            client.UseAspNetCore()
                .EnableRedirectionEndpointPassthrough()
                .EnablePostLogoutRedirectionEndpointPassthrough();
            // Discovery, token and revocation calls go through IHttpClientFactory, so they get the service defaults'
            // primary handler that trusts the local stack's CA.
            client.UseSystemNetHttp().SetProductInformation(typeof(PortalAuthentication).Assembly);

            client.AddRegistration(new OpenIddictClientRegistration
            {
                Issuer = issuer,
                ClientId = builder.Configuration[ClientIdKey] is { Length: > 0 } clientId ? clientId : DefaultClientId,
                ClientSecret = builder.Configuration[ClientSecretKey],
                Scopes = { Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, AppsScope,
                    ApiScopes.ConsentsManage, ApiScopes.WebhooksManage, ApiScopes.SandboxManage },
                CodeChallengeMethods = { CodeChallengeMethods.Sha256 },
                RedirectUri = new Uri(AccountEndpoints.SignInCallbackPath, UriKind.Relative),
                PostLogoutRedirectUri = new Uri(AccountEndpoints.SignOutCallbackPath, UriKind.Relative),
            });
        });
    }
}
