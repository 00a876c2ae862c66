using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Server;

/// <summary>
/// Decides which token each claim may travel in. A claim goes nowhere unless listed here: the access token is
/// read by resource servers, the identity token by the client, and neither needs more than this.
/// </summary>
internal static class ClaimDestinations
{
    public static IEnumerable<string> For(Claim claim)
    {
        var principal = claim.Subject;
        switch (claim.Type)
        {
            case Claims.Subject:
                yield return Destinations.AccessToken;
                yield return Destinations.IdentityToken;
                break;

            // Profile and email reach the identity token only when the client asked for them.
            case Claims.Name or Claims.PreferredUsername:
                yield return Destinations.AccessToken;
                if (principal?.HasScope(Scopes.Profile) is true)
                {
                    yield return Destinations.IdentityToken;
                }

                break;

            case Claims.Email or Claims.EmailVerified:
                if (principal?.HasScope(Scopes.Email) is true)
                {
                    yield return Destinations.IdentityToken;
                }

                break;

            // Resource servers authorise on the role; the client sees it only when it asked for the roles scope.
            case Claims.Role:
                yield return Destinations.AccessToken;
                if (principal?.HasScope(Scopes.Roles) is true)
                {
                    yield return Destinations.IdentityToken;
                }

                break;

            // The API serves a customer's token only within the consent it names.
            case Wekeza.Consents.ConsentClaims.ConsentId:
                yield return Destinations.AccessToken;
                break;

            // OpenIddict's own claims (scopes, audiences, …) are placed by OpenIddict itself; the security stamp
            // and anything unknown never leave the server.
            default:
                break;
        }
    }
}
