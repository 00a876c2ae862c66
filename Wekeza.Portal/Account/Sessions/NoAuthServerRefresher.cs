namespace Wekeza.Portal.Account.Sessions;

/// <summary>Without an auth server nobody signs in, so there is never anything to refresh or revoke.</summary>
internal sealed class NoAuthServerRefresher : ITokenRefresher
{
    public Task<RefreshedTokens?> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        Task.FromResult<RefreshedTokens?>(null);

    public Task RevokeAsync(string refreshToken, CancellationToken cancellationToken) => Task.CompletedTask;
}
