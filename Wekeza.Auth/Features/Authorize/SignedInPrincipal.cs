using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Wekeza.Auth.Data;
using Wekeza.Auth.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Features.Authorize;

/// <summary>
/// Builds the principal OpenIddict turns into tokens for a person: who they are, read fresh from authdb each time (a
/// refresh picks up a changed name or role), the scopes granted, the consent they are bound to, the audiences those scopes are for, and the
/// authorization the tokens hang from (revoking it revokes them all).
/// </summary>
public sealed class SignedInPrincipal(UserManager<WekezaUser> users)
{
    public async Task<ClaimsPrincipal> CreateAsync(WekezaUser user, IEnumerable<string> grantedScopes, string? authorizationId, string? consentId)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.EmailVerified, user.EmailConfirmed);
        identity.SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);

        var granted = grantedScopes.ToList();
        identity.SetScopes(granted);
        identity.SetResources(ScopeCatalog.AudiencesFor(granted));
        if (consentId is not null)
        {
            identity.SetClaim(Wekeza.Consents.ConsentClaims.ConsentId, consentId);
        }

        if (authorizationId is not null)
        {
            identity.SetAuthorizationId(authorizationId);
        }

        identity.SetDestinations(ClaimDestinations.For);
        return new ClaimsPrincipal(identity);
    }
}
