using Wekeza.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Features.Shared;
using Wekeza.Banking.CoreBanking;
using Wekeza.Consents;
using Wekeza.Payments;

namespace Wekeza.Api.Features.Sandbox;

internal sealed record SandboxResetResponse(int ConsentsRemoved, int PaymentsRemoved, int TransactionsRemoved, bool ClockReset);

/// <summary>
/// Puts an app's sandbox back to where it started, touching nothing of any other app's: its consents (open ones are
/// revoked first, so their tokens die and the app hears <c>consent.revoked</c>), its payments with their ledger
/// entries, the transactions its controls booked, its idempotency keys and its clock. The ledger stays whole: the
/// removed entries leave, and every account they touched gets its balance and running balances recomputed.
/// One transaction, under the app's sandbox lock and its consents' row locks, so a payment racing the reset either
/// finishes first (and is in flight: the reset is refused) or finds its consent gone.
/// </summary>
internal static class SandboxReset
{
    public static async Task<Results<Ok<SandboxResetResponse>, ProblemHttpResult>> ResetAsync(
        BankDbContext db, ConsentStore store, TimeProvider clock, HttpContext context)
    {
        var clientId = AppOwner.Of(context).ClientId;
        var revoked = new List<ConsentSnapshot>();
        try
        {
            var outcome = await db.InTransactionAsync<Results<Ok<SandboxResetResponse>, ProblemHttpResult>>(async ct =>
            {
                db.ChangeTracker.Clear();
                revoked.Clear();
                await SandboxLocks.AppAsync(db, clientId, ct);
                var consents = await db.Consents.FromSql($"SELECT *, xmin FROM consents WHERE \"ClientId\" = {clientId} ORDER BY \"Id\" FOR UPDATE").ToListAsync(ct);
                var inFlight = await db.Payments.FromSql($"""
                    SELECT *, xmin FROM payments WHERE "ClientId" = {clientId} AND "Status" IN ({PaymentStatuses.Pending}, {PaymentStatuses.AcceptedSettlementInProcess})
                    """).Select(p => p.Id).ToListAsync(ct);
                if (inFlight.Count > 0)
                {
                    return InFlight(inFlight);
                }

                var now = clock.GetUtcNow();
                foreach (var consent in consents)
                {
                    var before = consent.Status;
                    if (consent.Revoke($"app:{clientId}", now, null))
                    {
                        store.Announce(consent, before);
                        revoked.Add(consent.Snapshot());
                    }
                }

                await db.SaveChangesAsync(ct);
                var paymentEntries = await db.Payments.Where(p => p.ClientId == clientId).Select(p => new { p.DebitEntryId, p.FinalEntryId }).ToListAsync(ct);
                var entries = paymentEntries.SelectMany(p => new[] { p.DebitEntryId, p.FinalEntryId }).OfType<long>()
                    .Concat(await db.Entries.Where(e => e.SandboxClientId == clientId).Select(e => e.Id).ToListAsync(ct))
                    .Distinct().ToArray();
                var simulated = await db.Entries.CountAsync(e => e.SandboxClientId == clientId, ct);
                var accounts = await db.Postings.Where(p => entries.Contains(p.EntryId)).Select(p => p.AccountId).Distinct().ToListAsync(ct);
                // The ledger's lock order (by id), so a payment booking on these accounts queues behind the reset.
                await db.Database.ExecuteSqlAsync($"SELECT 1 FROM accounts WHERE \"Id\" = ANY({accounts.Order(StringComparer.Ordinal).ToArray()}) ORDER BY \"Id\" FOR UPDATE", ct);

                var payments = await db.Payments.Where(p => p.ClientId == clientId).Select(p => p.Id).ToArrayAsync(ct);
                await db.Database.ExecuteSqlAsync($"DELETE FROM payment_status_changes WHERE \"PaymentId\" = ANY({payments})", ct);
                await db.Database.ExecuteSqlAsync($"DELETE FROM payments WHERE \"ClientId\" = {clientId}", ct);
                await db.Database.ExecuteSqlAsync($"DELETE FROM postings WHERE \"EntryId\" = ANY({entries})", ct);
                await db.Database.ExecuteSqlAsync($"DELETE FROM ledger_entries WHERE \"Id\" = ANY({entries})", ct);
                foreach (var account in accounts)
                {
                    await RecomputeAsync(db, account, ct);
                }

                await db.Database.ExecuteSqlAsync($"DELETE FROM idempotency_keys WHERE \"ClientId\" = {clientId}", ct);
                await db.Database.ExecuteSqlAsync($"DELETE FROM consent_events WHERE \"ConsentId\" IN (SELECT \"Id\" FROM consents WHERE \"ClientId\" = {clientId})", ct);
                await db.Database.ExecuteSqlAsync($"DELETE FROM consents WHERE \"ClientId\" = {clientId}", ct);
                var clockReset = await db.Database.ExecuteSqlAsync($"DELETE FROM sandbox_clocks WHERE \"ClientId\" = {clientId}", ct) > 0;
                return TypedResults.Ok(new SandboxResetResponse(consents.Count, payments.Length, simulated, clockReset));
            }, context.RequestAborted);

            if (outcome.Result is Ok<SandboxResetResponse>)
            {
                // Revoked, then removed: the cache says revoked from now on, so the consents' tokens are refused at once.
                foreach (var snapshot in revoked)
                {
                    await store.WriteThroughAsync(snapshot);
                }
            }

            return outcome;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.CheckViolation })
        {
            return Overdraws();
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.CheckViolation)
        {
            return Overdraws();
        }
    }

    /// <summary>The account's balance is the sum of what is left, and each posting's balance-after its running sum again.</summary>
    private static async Task RecomputeAsync(BankDbContext db, string accountId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""
            UPDATE postings p SET "BalanceAfter" = r.running
            FROM (SELECT "Id", SUM("Amount") OVER (ORDER BY "BookedAt", "Id") AS running FROM postings WHERE "AccountId" = {accountId}) r
            WHERE p."Id" = r."Id" AND p."BalanceAfter" <> r.running
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE accounts SET "BookedBalance" = COALESCE((SELECT SUM("Amount") FROM postings WHERE "AccountId" = {accountId}), 0)
            WHERE "Id" = {accountId}
            """, ct);
    }

    private static ProblemHttpResult InFlight(IReadOnlyList<string> paymentIds)
    {
        var problem = ProblemCatalog.SandboxPaymentsInFlight.Result($"{paymentIds.Count} of your payments are still in process ({string.Join(", ", paymentIds.Take(10))}). Wait for them to end, or move each to a " +
            "final state with POST /v1/sandbox/payments/{paymentId}/outcome, then reset. Nothing was removed.");
        problem.ProblemDetails.Extensions["paymentIds"] = paymentIds;
        return problem;
    }

    private static ProblemHttpResult Overdraws() => ProblemCatalog.SandboxResetWouldOverdraw.Result("Money your sandbox transactions brought in has since been spent by another app's payment, so removing it would take a test account " +
        "below zero. Nothing was removed. Book an incoming transaction to cover it, or reset after the other payments are gone.");
}
