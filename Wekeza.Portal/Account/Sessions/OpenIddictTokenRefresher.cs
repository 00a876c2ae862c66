using OpenIddict.Abstractions;
using OpenIddict.Client;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Client.OpenIddictClientModels;

namespace Wekeza.Portal.Account.Sessions;

internal sealed partial class OpenIddictTokenRefresher(
    OpenIddictClientService client, TimeProvider clock, ILogger<OpenIddictTokenRefresher> logger) : ITokenRefresher
{
    // Used when auth does not say how long the token lives: short, so the next call simply refreshes again.
    private static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(1);

    public async Task<RefreshedTokens?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.AuthenticateWithRefreshTokenAsync(new RefreshTokenAuthenticationRequest
            {
                RefreshToken = refreshToken,
                // The portal keeps the claims it got at sign-in; a refresh is only about the access token.
                DisableUserInfo = true,
                CancellationToken = cancellationToken,
            });

            return new RefreshedTokens(
                result.AccessToken,
                result.AccessTokenExpirationDate ?? clock.GetUtcNow() + AssumedLifetime,
                result.RefreshToken,
                result.IdentityToken);
        }
        catch (OpenIddictExceptions.ProtocolException exception) when (exception.Error is Errors.InvalidGrant)
        {
            // The token expired, or was reused and auth revoked the whole chain. Any other error (auth down,
            // misconfigured) is not the user's session ending, so it is left to the caller as a failure.
            LogRefreshRefused(exception.Error);
            return null;
        }
    }

    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        try
        {
            await client.RevokeTokenAsync(new RevocationRequest
            {
                Token = refreshToken,
                TokenTypeHint = TokenTypeHints.RefreshToken,
                CancellationToken = cancellationToken,
            });
        }
        catch (Exception exception) when (exception is OpenIddictExceptions.ProtocolException or HttpRequestException
                                          or InvalidOperationException)
        {
            // Signing out must not fail because auth is unreachable; the token still expires on its own.
            LogRevocationFailed(exception);
        }
    }

    [LoggerMessage(LogLevel.Information, "Auth refused the session's refresh token ({Error}); the user must sign in again")]
    private partial void LogRefreshRefused(string? error);

    [LoggerMessage(LogLevel.Warning, "Could not revoke the refresh token at sign-out")]
    private partial void LogRevocationFailed(Exception exception);
}
