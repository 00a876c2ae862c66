using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Wekeza.Portal.Account.Sessions;

/// <summary>
/// The signed-in user's access token from inside a circuit, where there is no HttpContext: the session id comes from
/// the authentication state, the tokens from the shared store. When the session is over it sends the browser to sign in.
/// </summary>
internal sealed class CurrentSession(
    AuthenticationStateProvider authentication, SessionTokenStore store, NavigationManager navigation)
{
    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var sessionId = state.User.FindFirst(PortalClaims.SessionId)?.Value;
        var token = sessionId is null ? null : await store.GetAccessTokenAsync(sessionId, cancellationToken);
        if (token is null)
        {
            SignInAgain();
        }

        return token;
    }

    public void SignInAgain() =>
        navigation.NavigateTo(AccountPaths.LoginFor("/" + navigation.ToBaseRelativePath(navigation.Uri)), forceLoad: true);
}
