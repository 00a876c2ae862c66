using Npgsql;

namespace Wekeza.Banking.Usage;

/// <summary>
/// The usage rollup, run by the workers: the API's raw call records (<c>api_calls</c>) become per app, method and
/// route, status and minute counts (<c>api_usage_minutes</c>). Each pass is one statement, so one transaction: it
/// claims a batch of uncounted rows (<c>FOR UPDATE SKIP LOCKED</c>, so replicas take disjoint batches and never wait
/// on each other), marks them counted, and adds their counts into the minute rows. A worker killed mid-pass rolls
/// the whole pass back: nothing is counted twice and nothing is lost. (A watermark on the id would be simpler but
/// wrong: ids are taken before commit, so a late commit from one API replica could land below a watermark already
/// passed.)
/// </summary>
public static class UsageRollups
{
    // The minute rows are upserted in key order, so two passes adding to the same minutes lock them in the same
    // order and cannot deadlock.
    private static readonly string Pass = $"""
        WITH claimed AS (
            UPDATE api_calls SET "RolledUp" = true
            WHERE "Id" IN (SELECT "Id" FROM api_calls WHERE NOT "RolledUp" ORDER BY "Id" LIMIT @batch FOR UPDATE SKIP LOCKED)
            RETURNING "ClientId", "Method", "Route", "Status", "DurationMs", "OccurredAt"
        ), counted AS (
            INSERT INTO api_usage_minutes ("ClientId", "Minute", "Method", "Route", "Status", "Calls", "TotalDurationMs", "MaxDurationMs", "Buckets")
            SELECT "ClientId", date_trunc('minute', "OccurredAt", 'UTC'), "Method", "Route", "Status",
                   count(*), sum("DurationMs"), max("DurationMs"), {LatencyBuckets.CountsSql("\"DurationMs\"")}
            FROM claimed
            GROUP BY 1, 2, 3, 4, 5
            ORDER BY 1, 2, 3, 4, 5
            ON CONFLICT ("ClientId", "Minute", "Method", "Route", "Status") DO UPDATE SET
                "Calls" = api_usage_minutes."Calls" + excluded."Calls",
                "TotalDurationMs" = api_usage_minutes."TotalDurationMs" + excluded."TotalDurationMs",
                "MaxDurationMs" = greatest(api_usage_minutes."MaxDurationMs", excluded."MaxDurationMs"),
                "Buckets" = ARRAY(SELECT a + b FROM unnest(api_usage_minutes."Buckets", excluded."Buckets") WITH ORDINALITY AS t(a, b, i) ORDER BY i)
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM claimed), (SELECT count(*) FROM counted)
        """;

    /// <summary>One pass over at most <paramref name="batch"/> raw records: how many it counted, into how many minute rows.</summary>
    public static async Task<(long Calls, long Minutes)> RollUpAsync(NpgsqlDataSource bank, int batch, CancellationToken cancellationToken)
    {
        await using var command = bank.CreateCommand(Pass);
        command.Parameters.AddWithValue("batch", batch);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Raw records past <see cref="UsagePolicy.RawRetention"/> (once counted) and minutes past <see cref="UsagePolicy.MinuteRetention"/>, in small batches.</summary>
    public static async Task<(long Raw, long Minutes)> SweepAsync(NpgsqlDataSource bank, DateTimeOffset now, UsagePolicy policy, CancellationToken cancellationToken)
    {
        var raw = await DeleteInBatchesAsync(bank, """
            DELETE FROM api_calls WHERE "Id" IN (SELECT "Id" FROM api_calls WHERE "OccurredAt" < @cutoff AND "RolledUp" LIMIT 5000)
            """, now - policy.RawRetention, cancellationToken);
        var minutes = await DeleteInBatchesAsync(bank, """
            DELETE FROM api_usage_minutes WHERE ctid IN (SELECT ctid FROM api_usage_minutes WHERE "Minute" < @cutoff LIMIT 5000)
            """, now - policy.MinuteRetention, cancellationToken);
        return (raw, minutes);
    }

    private static async Task<long> DeleteInBatchesAsync(NpgsqlDataSource bank, string sql, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        long total = 0;
        int deleted;
        do
        {
            await using var command = bank.CreateCommand(sql);
            command.Parameters.AddWithValue("cutoff", cutoff);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == 5000);

        return total;
    }
}
