using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OpenIddict.Abstractions;
using OpenIddict.Client.AspNetCore;
using Wekeza.Portal.Account.Sessions;
using Wekeza.Portal.Platform;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Client.AspNetCore.OpenIddictClientAspNetCoreConstants;

namespace Wekeza.Portal.Account;

/// <summary>Sign-in and sign-out: the few HTTP endpoints the protocol needs outside the Blazor circuit.</summary>
internal static class AccountEndpoints
{
    public const string SignInCallbackPath = "signin-oidc";
    public const string SignOutCallbackPath = "signout-callback-oidc";

    private const string OidcScheme = OpenIddictClientAspNetCoreDefaults.AuthenticationScheme;
    private const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(AccountPaths.Login, Login);
        app.MapPost(AccountPaths.Logout, LogoutAsync);
        // Auth answers with a redirect (GET) or, in form_post mode, a cross-site POST that carries no antiforgery token.
        app.MapMethods("/" + SignInCallbackPath, [HttpMethods.Get, HttpMethods.Post], SignInCallbackAsync).DisableAntiforgery();
        app.MapMethods("/" + SignOutCallbackPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)SignOutCallbackAsync).DisableAntiforgery();
        return app;
    }

    private static IResult Login(string? returnUrl, PlatformLinks links)
    {
        if (links.AuthIssuer is null)
        {
            return TypedResults.LocalRedirect(AccountPaths.SignInUnavailable);
        }

        // Always a fresh challenge, even with a cookie: this is also where a session whose tokens died is sent.
        var properties = new AuthenticationProperties { RedirectUri = AccountPaths.LocalOrHome(returnUrl) };
        return TypedResults.Challenge(properties, [OidcScheme]);
    }

    private static async Task<IResult> SignInCallbackAsync(HttpContext context, SessionTokenStore store, TimeProvider clock)
    {
        // OpenIddict has already validated the state, exchanged the code (with the PKCE verifier) and the identity token.
        var result = await context.AuthenticateAsync(OidcScheme);
        if (result.Principal is not { Identity.IsAuthenticated: true } external || result.Properties is null)
        {
            return TypedResults.LocalRedirect(AccountPaths.SignInUnavailable);
        }

        var accessToken = result.Properties.GetTokenValue(Tokens.BackchannelAccessToken);
        if (accessToken is null)
        {
            return TypedResults.LocalRedirect(AccountPaths.SignInUnavailable);
        }

        var now = clock.GetUtcNow();
        var sessionExpiresAt = now + PortalAuthentication.SessionLifetime;
        var sessionId = await store.CreateAsync(new SessionTokens(
            accessToken,
            ExpirationOf(result.Properties, now),
            result.Properties.GetTokenValue(Tokens.RefreshToken),
            result.Properties.GetTokenValue(Tokens.BackchannelIdentityToken),
            sessionExpiresAt));

        // The cookie carries who the user is and the session id, never a token.
        var identity = new ClaimsIdentity(CookieScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.SetClaim(ClaimTypes.NameIdentifier, external.GetClaim(ClaimTypes.NameIdentifier))
            // The person's display name ("name"); OpenIddict maps preferred_username (their email here) to ClaimTypes.Name.
            .SetClaim(ClaimTypes.Name, external.GetClaim(Claims.Name) ?? external.GetClaim(ClaimTypes.Name) ?? external.GetClaim(ClaimTypes.Email))
            .SetClaim(ClaimTypes.Email, external.GetClaim(ClaimTypes.Email))
            .SetClaim(PortalClaims.SessionId, sessionId);
        // OpenIddict maps name, email and sub to their ClaimTypes equivalents but leaves roles as "role".
        foreach (var role in external.GetClaims(Claims.Role).Concat(external.GetClaims(ClaimTypes.Role)).Distinct())
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        var properties = new AuthenticationProperties
        {
            RedirectUri = AccountPaths.LocalOrHome(result.Properties.RedirectUri),
            ExpiresUtc = sessionExpiresAt,
        };
        return TypedResults.SignIn(new ClaimsPrincipal(identity), properties, CookieScheme);
    }

    private static async Task<IResult> LogoutAsync(
        HttpContext context, IAntiforgery antiforgery, SessionTokenStore store, ITokenRefresher refresher, PlatformLinks links)
    {
        // A plain form post from the app bar; the token stops other sites from signing users out. Checked here because
        // the antiforgery middleware only flags a bad token, and only form binding (which this endpoint has none of)
        // turns that flag into a 400.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var result = await context.AuthenticateAsync(CookieScheme);
        await context.SignOutAsync(CookieScheme);
        if (result.Principal?.FindFirst(PortalClaims.SessionId)?.Value is not { } sessionId)
        {
            return TypedResults.LocalRedirect("/");
        }

        var tokens = await store.ReadAsync(sessionId);
        await store.RemoveAsync(sessionId);
        if (tokens?.RefreshToken is { } refreshToken)
        {
            await refresher.RevokeAsync(refreshToken, context.RequestAborted);
        }

        if (links.AuthIssuer is null)
        {
            return TypedResults.LocalRedirect("/");
        }

        // End the session at auth too, or the next "Sign in" would silently sign the same user back in.
        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictClientAspNetCoreConstants.Properties.IdentityTokenHint] = tokens?.IdentityToken,
        })
        {
            RedirectUri = "/",
        };
        return TypedResults.SignOut(properties, [OidcScheme]);
    }

    private static async Task<IResult> SignOutCallbackAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OidcScheme);
        return TypedResults.LocalRedirect(AccountPaths.LocalOrHome(result.Properties?.RedirectUri));
    }

    private static DateTimeOffset ExpirationOf(AuthenticationProperties properties, DateTimeOffset now) =>
        DateTimeOffset.TryParse(properties.GetTokenValue(Tokens.BackchannelAccessTokenExpirationDate),
            CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiresAt)
            ? expiresAt
            // Unknown lifetime: treat it as nearly expired, so the first API call refreshes it.
            : now;
}
