using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Server.AspNetCore;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Authorize;
using Wekeza.Auth.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Features.Token;

/// <summary>
/// The token endpoint's pass-through handler. OpenIddict has already authenticated the client, checked its grant
/// type, scope and endpoint permissions, and (for codes and refresh tokens) validated the presented token before
/// this runs; what is left is deciding who the token is about.
/// </summary>
internal static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(AuthRoutes.Token, (Delegate)HandleAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            return IssueForClient(request);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            return await ReissueAsync(context);
        }

        // Only reachable if a grant type is enabled on the server without a branch here.
        return ProtocolErrors.Reject(Errors.UnsupportedGrantType, "The specified grant type is not supported.");
    }

    /// <summary>
    /// Client credentials: the token is about the app itself, for the API scopes it was granted. OpenIddict has
    /// already loaded and authenticated the client, so this path reads nothing more from authdb (it is the token
    /// endpoint's hottest): the subject is the client id, and resource servers identify the app by it.
    /// </summary>
    private static IResult IssueForClient(OpenIddictRequest request)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);

        // OpenIddict has checked that every requested scope exists and that this client may ask for it.
        identity.SetScopes(request.GetScopes());
        identity.SetResources(ScopeCatalog.AudiencesFor(identity.GetScopes()));
        identity.SetDestinations(ClaimDestinations.For);

        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Authorization code and refresh token: OpenIddict has checked the code or refresh token (signature, expiry,
    /// single use, PKCE verifier, and that its authorization is still valid). The person is read again, so someone
    /// deleted, locked out or no longer allowed to sign in gets no new tokens, and a changed name or role shows.
    /// </summary>
    private static async Task<IResult> ReissueAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } stored)
        {
            return ProtocolErrors.Reject(Errors.InvalidGrant, "The token is no longer valid.");
        }

        var users = context.RequestServices.GetRequiredService<UserManager<WekezaUser>>();
        var signIn = context.RequestServices.GetRequiredService<SignInManager<WekezaUser>>();
        var user = await users.FindByIdAsync(stored.GetClaim(Claims.Subject) ?? "");
        if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            return ProtocolErrors.Reject(Errors.InvalidGrant, "The user can no longer sign in.");
        }

        var principal = await context.RequestServices.GetRequiredService<SignedInPrincipal>()
            .CreateAsync(user, stored.GetScopes(), stored.GetAuthorizationId(), stored.GetClaim(Wekeza.Consents.ConsentClaims.ConsentId));
        return TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
