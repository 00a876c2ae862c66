using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
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
        app.MapPost(AuthRoutes.Token, HandleAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        IOpenIddictApplicationManager applications,
        IOpenIddictScopeManager scopes)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            return await IssueForClientAsync(request, applications, scopes, context.RequestAborted);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            return await ReissueAsync(context);
        }

        // Only reachable if a grant type is enabled on the server without a branch here.
        return ProtocolErrors.Reject(Errors.UnsupportedGrantType, "The specified grant type is not supported.");
    }

    /// <summary>Client credentials: the token is about the app itself, for the API scopes it was granted.</summary>
    private static async Task<IResult> IssueForClientAsync(
        OpenIddictRequest request,
        IOpenIddictApplicationManager applications,
        IOpenIddictScopeManager scopes,
        CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken);
        if (application is null)
        {
            return ProtocolErrors.Reject(Errors.InvalidClient, "The client application is unknown.");
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, await applications.GetClientIdAsync(application, cancellationToken));
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, cancellationToken));

        // OpenIddict has checked that every requested scope exists and that this client may ask for it.
        identity.SetScopes(request.GetScopes());
        identity.SetResources(await scopes.ListResourcesAsync(identity.GetScopes(), cancellationToken).ToListAsync(cancellationToken));
        identity.SetDestinations(ClaimDestinations.For);

        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Authorization code and refresh token: the principal stored in the code or refresh token is issued again.
    /// Interactive sign-in arrives with the login issue, which must also re-check here that the person and their
    /// consent are still valid before a refresh succeeds.
    /// </summary>
    private static async Task<IResult> ReissueAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } principal)
        {
            return ProtocolErrors.Reject(Errors.InvalidGrant, "The token is no longer valid.");
        }

        principal.SetDestinations(ClaimDestinations.For);
        return TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
