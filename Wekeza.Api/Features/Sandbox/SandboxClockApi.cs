using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Features.Shared;
using Wekeza.Banking.Consents;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Sandbox;
using Wekeza.Consents;
using Wekeza.Payments;

namespace Wekeza.Api.Features.Sandbox;

internal sealed record SandboxClockResponse(DateTimeOffset Now, long OffsetSeconds);

internal sealed record AdvanceClockRequest(long? Seconds);

internal sealed record ClockEffects(int ConsentsExpired, int SettlementsDue, int WebhookRetriesDue);

internal sealed record AdvancedClockResponse(DateTimeOffset Now, long OffsetSeconds, ClockEffects Effects);

/// <summary>
/// The app's test clock. Moving it forward makes what would fall due by the new time happen now, for this app only:
/// its consents past their expiry expire (with their events), its held settlements become due (the workers settle
/// them within seconds), and its webhook retries waiting for that time are sent. Timestamps written afterwards are
/// still real time; the clock only decides what is due.
/// </summary>
internal static class SandboxClockApi
{
    public const long MaximumStepSeconds = 34_560_000;

    public static async Task<Ok<SandboxClockResponse>> GetAsync(BankDbContext db, TimeProvider clock, HttpContext context)
    {
        var owner = AppOwner.Of(context);
        var offset = await db.SandboxClocks.AsNoTracking().Where(c => c.ClientId == owner.ClientId).Select(c => (TimeSpan?)c.Offset)
            .SingleOrDefaultAsync(context.RequestAborted) ?? TimeSpan.Zero;
        return TypedResults.Ok(new SandboxClockResponse(clock.GetUtcNow() + offset, (long)offset.TotalSeconds));
    }

    public static async Task<Results<Ok<AdvancedClockResponse>, ProblemHttpResult>> AdvanceAsync(
        AdvanceClockRequest? request, BankDbContext db, ConsentStore store, TimeProvider clock, HttpContext context)
    {
        if (request?.Seconds is not { } seconds || seconds is < 1 or > MaximumStepSeconds)
        {
            return SandboxProblems.Invalid(new() { ["seconds"] = [$"Move the clock forward by 1 to {MaximumStepSeconds:N0} seconds (400 days)."] },
                "The clock cannot move that way");
        }

        var owner = AppOwner.Of(context);
        var result = await db.InTransactionAsync<(AdvancedClockResponse? Response, ProblemHttpResult? Problem)>(async ct =>
        {
            db.ChangeTracker.Clear();
            await SandboxLocks.AppAsync(db, owner.ClientId, ct);
            var now = clock.GetUtcNow();
            var row = await db.SandboxClocks.SingleOrDefaultAsync(c => c.ClientId == owner.ClientId, ct);
            if (row is null)
            {
                row = new SandboxClock { ClientId = owner.ClientId };
                db.SandboxClocks.Add(row);
            }

            var offset = row.Offset + TimeSpan.FromSeconds(seconds);
            if (offset > SandboxClock.MaximumOffset)
            {
                return (null, SandboxProblems.Invalid(new()
                {
                    ["seconds"] = [$"The sandbox clock is already {row.Offset.TotalDays:0.##} days ahead; it goes at most {SandboxClock.MaximumOffset.TotalDays:0} days ahead. Reset the sandbox to start again."],
                }, "The clock cannot move that way"));
            }

            row.Offset = offset;
            row.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            var sandboxNow = now + offset;
            var effects = new ClockEffects(
                await ExpireConsentsAsync(db, store, owner.ClientId, now, sandboxNow, ct),
                await db.Payments.CountAsync(p => p.ClientId == owner.ClientId && p.Status == PaymentStatuses.AcceptedSettlementInProcess
                    && p.SettlementDueAt != null && p.SettlementDueAt <= sandboxNow, ct),
                // A retry waiting for a time the clock has now passed is sent at once (the dispatcher polls for due rows).
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE webhook_deliveries SET "NextAttemptAt" = {now}
                    WHERE "ClientId" = {owner.ClientId} AND "Status" = 'Pending' AND "NextAttemptAt" > {now} AND "NextAttemptAt" <= {sandboxNow}
                    """, ct));
            return (new AdvancedClockResponse(sandboxNow, (long)offset.TotalSeconds, effects), null);
        }, context.RequestAborted);

        return result.Problem is { } problem ? problem : TypedResults.Ok(result.Response!);
    }

    private static async Task<int> ExpireConsentsAsync(BankDbContext db, ConsentStore store, string clientId, DateTimeOffset now,
        DateTimeOffset sandboxNow, CancellationToken ct)
    {
        var unusedSince = sandboxNow - Consent.AuthorisationWindow;
        var due = await db.Consents.FromSql($"""
            SELECT *, xmin FROM consents
            WHERE "ClientId" = {clientId}
              AND (("Status" = {ConsentStatuses.Authorised} AND "ExpiresAt" <= {sandboxNow})
                OR ("Status" = {ConsentStatuses.AwaitingAuthorisation} AND ("ExpiresAt" <= {sandboxNow} OR "CreatedAt" <= {unusedSince})))
            FOR UPDATE
            """).ToListAsync(ct);
        foreach (var consent in due)
        {
            var before = consent.Status;
            consent.ExpireNow("sandbox:clock", now);
            await store.SaveAsync(consent, before, ct);
        }

        return due.Count;
    }
}

/// <summary>One sandbox control at a time per app: clock moves, resets and their effects queue instead of interleaving.</summary>
internal static class SandboxLocks
{
    public static Task AppAsync(BankDbContext db, string clientId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"sandbox:" + clientId}, 0))", ct);
}
