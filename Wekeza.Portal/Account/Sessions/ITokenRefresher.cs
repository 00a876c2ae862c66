namespace Wekeza.Portal.Account.Sessions;

/// <summary>The refresh token grant against auth, behind an interface so the store's decisions can be tested.</summary>
internal interface ITokenRefresher
{
    /// <summary>New tokens, or null when auth refused the refresh token (expired, or its chain was revoked).</summary>
    Task<RefreshedTokens?> RefreshAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>Best effort: tells auth the refresh token is no longer wanted.</summary>
    Task RevokeAsync(string refreshToken, CancellationToken cancellationToken);
}

internal sealed record RefreshedTokens(string AccessToken, DateTimeOffset AccessTokenExpiresAt, string? RefreshToken, string? IdentityToken);
