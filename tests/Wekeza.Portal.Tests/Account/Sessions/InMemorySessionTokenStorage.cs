using System.Collections.Concurrent;
using Wekeza.Portal.Account.Sessions;

namespace Wekeza.Portal.Tests.Account.Sessions;

/// <summary>Redis's part of the session store, in memory: entries with their time to live, and owned locks.</summary>
internal sealed class InMemorySessionTokenStorage : ISessionTokenStorage
{
    private readonly ConcurrentDictionary<string, (byte[] Value, TimeSpan TimeToLive)> _entries = new();
    private readonly ConcurrentDictionary<string, string> _locks = new();

    public Task<byte[]?> ReadAsync(string sessionId) =>
        Task.FromResult(_entries.TryGetValue(sessionId, out var entry) ? entry.Value : null);

    public Task WriteAsync(string sessionId, byte[] protectedTokens, TimeSpan timeToLive)
    {
        _entries[sessionId] = (protectedTokens, timeToLive);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string sessionId)
    {
        _entries.TryRemove(sessionId, out _);
        return Task.CompletedTask;
    }

    public Task<bool> TryLockAsync(string sessionId, string owner, TimeSpan timeout) => Task.FromResult(_locks.TryAdd(sessionId, owner));

    public Task ReleaseAsync(string sessionId, string owner)
    {
        _locks.TryRemove(KeyValuePair.Create(sessionId, owner));
        return Task.CompletedTask;
    }

    public bool IsLocked(string sessionId) => _locks.ContainsKey(sessionId);

    public TimeSpan TimeToLive(string sessionId) => _entries[sessionId].TimeToLive;

    public byte[] Raw(string sessionId) => _entries[sessionId].Value;
}
