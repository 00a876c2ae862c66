using Wekeza.Auth.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Features.Authorize;

/// <summary>
/// The authorization endpoint's pass-through handler. OpenIddict answers malformed requests itself (unknown client,
/// unregistered redirect_uri, missing PKCE challenge) before this runs. Sign-in and consent screens arrive with the
/// login issue; until then a valid request is refused with a standard OAuth error, redirected to the client, so no
/// client ever sees a 500 or a half-finished page.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static IEndpointRouteBuilder MapAuthorizeEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods(AuthRoutes.Authorize, [HttpMethods.Get, HttpMethods.Post], Handle).ExcludeFromDescription();
        return app;
    }

    private static IResult Handle() =>
        ProtocolErrors.Reject(Errors.AccessDenied, "Interactive sign-in is not available on this server yet.");
}
