using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Server.AspNetCore;
using Wekeza.Auth.Server;

namespace Wekeza.Auth.Features.EndSession;

/// <summary>
/// RP-initiated logout: ends the person's session at auth, then OpenIddict sends them back to the client's
/// registered post-logout redirect URI (it refuses any other).
/// </summary>
internal static class EndSessionEndpoint
{
    public static IEndpointRouteBuilder MapEndSessionEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods(AuthRoutes.EndSession, [HttpMethods.Get, HttpMethods.Post], (Delegate)HandleAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext context)
    {
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/account/logout" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
