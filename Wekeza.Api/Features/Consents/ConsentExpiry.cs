using Wekeza.Banking.Consents;
using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;
using Wekeza.Consents;

namespace Wekeza.Api.Features.Consents;

/// <summary>
/// Records the expiry that time has already caused (the API refuses an expired consent whether or not this has run):
/// every minute, consents past their expiry, or left unauthorised past <see cref="Consent.AuthorisationWindow"/>, get
/// their <c>expired</c> audit event and <c>consent.expired</c> integration event. Replicas share the work: each claims
/// rows with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
internal sealed partial class ConsentExpiry(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ConsentExpiry> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                while (await ExpireBatchAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Expires one batch of due consents; returns how many it found.</summary>
    public async Task<int> ExpireBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BankDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<ConsentStore>();
        var now = clock.GetUtcNow();
        var unusedSince = now - Consent.AuthorisationWindow;

        var expired = await db.InTransactionAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            var due = await db.Consents.FromSql($"""
                SELECT *, xmin FROM consents
                WHERE ("Status" = {ConsentStatuses.Authorised} AND "ExpiresAt" <= {now})
                   OR ("Status" = {ConsentStatuses.AwaitingAuthorisation} AND ("ExpiresAt" <= {now} OR "CreatedAt" <= {unusedSince}))
                ORDER BY "ExpiresAt"
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct);
            foreach (var consent in due)
            {
                var before = consent.Status;
                consent.ExpireIfDue(now);
                // The cache may learn of the expiry a moment before the commit: harmless, time has caused it already.
                await store.SaveAsync(consent, before, ct);
            }

            return due.Count;
        }, cancellationToken);

        if (expired > 0)
        {
            LogExpired(expired);
        }

        return expired;
    }

    [LoggerMessage(LogLevel.Information, "Recorded the expiry of {Count} consents")]
    private partial void LogExpired(int count);

    [LoggerMessage(LogLevel.Error, "The consent expiry sweep failed; it runs again in a minute")]
    private partial void LogSweepFailed(Exception exception);
}
