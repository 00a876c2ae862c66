using Wekeza.Banking.Consents;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Outbox;
using Wekeza.Consents;

namespace Wekeza.Api.Features.Consents;

/// <summary>
/// Where consent changes are committed and consents are read for a token. A change commits with its audit event and
/// its integration event (outbox) in one transaction, then goes to the shared cache at once, so every API replica
/// refuses a revoked consent on its next request; the event (through the workers) repairs the cache if that write
/// was lost.
/// </summary>
public sealed partial class ConsentStore(BankDbContext db, ConsentSnapshotCache cache, TimeProvider clock, ILogger<ConsentStore> logger)
{
    /// <summary>Commits what happened to <paramref name="consent"/> since it read <paramref name="statusBefore"/>.</summary>
    /// <exception cref="DbUpdateConcurrencyException">Someone else changed the consent first; nothing was saved.</exception>
    public async Task SaveAsync(Consent consent, string statusBefore, CancellationToken cancellationToken)
    {
        var changed = Announce(consent, statusBefore);
        await db.SaveChangesAsync(cancellationToken);
        if (changed)
        {
            await WriteThroughAsync(consent.Snapshot());
        }
    }

    /// <summary>
    /// Adds the consent's event to the outbox when its status changed, for a caller that saves in its own
    /// transaction (a payment consumes its consent); the caller calls <see cref="WriteThroughAsync"/> after the commit.
    /// </summary>
    public bool Announce(Consent consent, string statusBefore)
    {
        if (consent.Status == statusBefore)
        {
            return false;
        }

        db.Outbox.Add(OutboxMessage.For(EventTypeFor(consent.Status), consent.Id, consent.Snapshot(), clock.GetUtcNow()));
        return true;
    }

    /// <summary>The consent a token is bound to, from the cache, or from bankdb when the cache misses or is down.</summary>
    public async Task<ConsentSnapshot?> SnapshotAsync(string consentId, CancellationToken cancellationToken)
    {
        try
        {
            if (await cache.GetAsync(consentId) is { } cached)
            {
                return cached;
            }
        }
        catch (RedisException exception)
        {
            LogCacheUnavailable(exception);
            return (await db.Consents.AsNoTracking().SingleOrDefaultAsync(c => c.Id == consentId, cancellationToken))?.Snapshot();
        }

        var consent = await db.Consents.AsNoTracking().SingleOrDefaultAsync(c => c.Id == consentId, cancellationToken);
        if (consent is null)
        {
            return null;
        }

        var snapshot = consent.Snapshot();
        await WriteThroughAsync(snapshot);
        return snapshot;
    }

    private static string EventTypeFor(string status) => status switch
    {
        ConsentStatuses.Authorised => ConsentEvents.Authorised,
        ConsentStatuses.Rejected => ConsentEvents.Rejected,
        ConsentStatuses.Revoked => ConsentEvents.Revoked,
        ConsentStatuses.Expired => ConsentEvents.Expired,
        ConsentStatuses.Consumed => ConsentEvents.Consumed,
        _ => throw new InvalidOperationException($"No event announces a change to {status}."),
    };

    /// <summary>Puts a committed change in the shared cache at once; if Redis is away, the outbox event does it later.</summary>
    public async Task WriteThroughAsync(ConsentSnapshot snapshot)
    {
        try
        {
            await cache.AdvanceAsync(snapshot);
        }
        catch (RedisException exception)
        {
            // The committed event reaches the workers, who write the cache when Redis is back.
            LogCacheUnavailable(exception);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The consent cache (Redis) is unavailable; reading bankdb instead")]
    private partial void LogCacheUnavailable(Exception exception);
}
