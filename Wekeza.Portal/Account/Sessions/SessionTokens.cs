namespace Wekeza.Portal.Account.Sessions;

/// <summary>The tokens auth issued for one portal session; they never leave the server.</summary>
internal sealed record SessionTokens(
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string? RefreshToken,
    string? IdentityToken,
    DateTimeOffset SessionExpiresAt)
{
    /// <summary>
    /// A token that expires while a request is on its way is refused by the API, so it is replaced this long before
    /// it expires rather than at the last moment.
    /// </summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);

    public bool IsSessionOver(DateTimeOffset now) => now >= SessionExpiresAt;

    public bool NeedsRefresh(DateTimeOffset now) => now >= AccessTokenExpiresAt - RefreshMargin;
}
