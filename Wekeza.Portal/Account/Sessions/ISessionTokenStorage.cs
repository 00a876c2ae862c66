namespace Wekeza.Portal.Account.Sessions;

/// <summary>
/// Where sessions' (already encrypted) tokens live, shared by every replica: Redis in the portal, memory in tests.
/// </summary>
internal interface ISessionTokenStorage
{
    Task<byte[]?> ReadAsync(string sessionId);

    Task WriteAsync(string sessionId, byte[] protectedTokens, TimeSpan timeToLive);

    Task RemoveAsync(string sessionId);

    /// <summary>Takes the session's refresh lock for <paramref name="owner"/>; false when someone else holds it.</summary>
    Task<bool> TryLockAsync(string sessionId, string owner, TimeSpan timeout);

    Task ReleaseAsync(string sessionId, string owner);
}
