using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Wekeza.Portal.Account.Sessions;

/// <summary>
/// Keeps each portal session's tokens server-side, encrypted with Data Protection (keys shared by the replicas),
/// under a random session id that is the only thing the cookie carries; and hands out an access token that is
/// fresh enough to call auth's APIs with, refreshing it when needed.
/// </summary>
internal sealed partial class SessionTokenStore(
    ISessionTokenStorage storage,
    IDataProtectionProvider dataProtection,
    ITokenRefresher refresher,
    TimeProvider clock,
    ILogger<SessionTokenStore> logger)
{
    // How long a replica may hold the refresh lock: longer than a refresh takes, short enough to survive a crash.
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(100);
    private const int LockAttempts = 100;

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Wekeza.Portal.SessionTokens.v1");

    public async Task<string> CreateAsync(SessionTokens tokens)
    {
        // 256 random bits: the id is a bearer credential for the tokens behind it.
        var sessionId = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await WriteAsync(sessionId, tokens);
        return sessionId;
    }

    public async Task<SessionTokens?> ReadAsync(string sessionId)
    {
        var stored = await storage.ReadAsync(sessionId);
        if (stored is null)
        {
            return null;
        }

        try
        {
            var tokens = JsonSerializer.Deserialize<SessionTokens>(_protector.Unprotect(stored));
            return tokens is null || tokens.IsSessionOver(clock.GetUtcNow()) ? null : tokens;
        }
        catch (CryptographicException)
        {
            // Written under a key that is gone (the key ring was reset): as good as no session.
            return null;
        }
    }

    public Task RemoveAsync(string sessionId) => storage.RemoveAsync(sessionId);

    /// <summary>
    /// An access token valid for at least <see cref="SessionTokens.RefreshMargin"/>, or null when the session is over
    /// and the user has to sign in again (expired, signed out, or auth refused the refresh).
    /// </summary>
    public async Task<string?> GetAccessTokenAsync(string sessionId, CancellationToken cancellationToken)
    {
        var tokens = await ReadAsync(sessionId);
        if (tokens is null || !tokens.NeedsRefresh(clock.GetUtcNow()))
        {
            return tokens?.AccessToken;
        }

        // Refresh tokens rotate and a reused one revokes the whole chain, so two circuits (on one replica or two)
        // must never refresh with the same token: one takes the lock and refreshes, the others wait and read its result.
        var owner = Guid.NewGuid().ToString("N");
        for (var attempt = 0; attempt < LockAttempts; attempt++)
        {
            if (await storage.TryLockAsync(sessionId, owner, LockTimeout))
            {
                try
                {
                    return await RefreshUnderLockAsync(sessionId, cancellationToken);
                }
                finally
                {
                    await storage.ReleaseAsync(sessionId, owner);
                }
            }

            await Task.Delay(LockPollInterval, clock, cancellationToken);
            tokens = await ReadAsync(sessionId);
            if (tokens is null || !tokens.NeedsRefresh(clock.GetUtcNow()))
            {
                return tokens?.AccessToken;
            }
        }

        throw new TimeoutException("Another replica is still refreshing this session's tokens.");
    }

    private async Task<string?> RefreshUnderLockAsync(string sessionId, CancellationToken cancellationToken)
    {
        // Whoever held the lock before may have refreshed already: its refresh token is the current one.
        var tokens = await ReadAsync(sessionId);
        if (tokens is null || !tokens.NeedsRefresh(clock.GetUtcNow()))
        {
            return tokens?.AccessToken;
        }

        var refreshed = tokens.RefreshToken is null ? null : await refresher.RefreshAsync(tokens.RefreshToken, cancellationToken);
        if (refreshed is null)
        {
            LogSessionEnded();
            await storage.RemoveAsync(sessionId);
            return null;
        }

        await WriteAsync(sessionId, tokens with
        {
            AccessToken = refreshed.AccessToken,
            AccessTokenExpiresAt = refreshed.AccessTokenExpiresAt,
            // Auth rotates refresh tokens; keep the old one only if it did not send a new one.
            RefreshToken = refreshed.RefreshToken ?? tokens.RefreshToken,
            IdentityToken = refreshed.IdentityToken ?? tokens.IdentityToken,
        });
        return refreshed.AccessToken;
    }

    private Task WriteAsync(string sessionId, SessionTokens tokens)
    {
        // The entry lives exactly as long as the session (and its cookie).
        var timeToLive = tokens.SessionExpiresAt - clock.GetUtcNow();
        if (timeToLive <= TimeSpan.Zero)
        {
            return storage.RemoveAsync(sessionId);
        }

        var protectedTokens = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(tokens));
        return storage.WriteAsync(sessionId, protectedTokens, timeToLive);
    }

    [LoggerMessage(LogLevel.Information, "Portal session ended: its tokens could not be refreshed")]
    private partial void LogSessionEnded();
}
