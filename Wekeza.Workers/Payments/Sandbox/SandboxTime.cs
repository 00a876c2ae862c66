using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;

namespace Wekeza.Workers.Payments.Sandbox;

/// <summary>An app's sandbox clock (table <c>sandbox_clocks</c>): real time plus the app's offset, none without a row.</summary>
internal static class SandboxTime
{
    public static async Task<DateTimeOffset> NowAsync(this BankDbContext db, string clientId, DateTimeOffset realNow, CancellationToken ct)
    {
        var clock = await db.SandboxClocks.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
        return clock?.Now(realNow) ?? realNow;
    }

    /// <summary>
    /// Held settlements due on their app's clock, earliest first. The status test is a literal, as in the partial
    /// index on <c>SettlementDueAt</c>, so the planner reads only held payments (the due test depends on the join).
    /// </summary>
    public static Task<List<string>> DueHeldSettlementsAsync(this BankDbContext db, DateTimeOffset realNow, int limit, CancellationToken ct) =>
        db.Database.SqlQuery<string>($"""
            SELECT p."Id" AS "Value"
            FROM payments p LEFT JOIN sandbox_clocks c ON c."ClientId" = p."ClientId"
            WHERE p."SettlementDueAt" IS NOT NULL AND p."Status" = 'AcceptedSettlementInProcess'
              AND p."SettlementDueAt" <= {realNow.ToUniversalTime()} + COALESCE(c."Offset", interval '0')
            ORDER BY p."SettlementDueAt"
            LIMIT {limit}
            """).ToListAsync(ct);
}
