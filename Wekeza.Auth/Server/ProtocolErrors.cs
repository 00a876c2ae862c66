using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace Wekeza.Auth.Server;

/// <summary>
/// Protocol errors are answered by OpenIddict in the form the endpoint calls for (a redirect to the client for the
/// authorization endpoint, a JSON body for the token endpoint): pass-through handlers hand them back with a Forbid.
/// </summary>
internal static class ProtocolErrors
{
    public static IResult Reject(string error, string description) =>
        TypedResults.Forbid(Properties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>The properties that carry an OAuth error to OpenIddict, for a Forbid or a Challenge.</summary>
    public static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
