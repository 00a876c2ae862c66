using Npgsql;
using Wekeza.Banking.Usage;

namespace Wekeza.Api.Features.Usage;

/// <summary>Reads the workers' minute rollups, added up per bucket of the range, endpoint and status.</summary>
internal sealed class UsageStore(NpgsqlDataSource bank)
{
    private static readonly string Rows = $"""
        SELECT date_bin(@bucket, "Minute", @from) AS "Bucket", "Method", "Route", "Status",
               sum("Calls")::bigint, sum("TotalDurationMs"), max("MaxDurationMs"), {LatencyBuckets.SumSql("\"Buckets\"")}
        FROM api_usage_minutes
        WHERE "ClientId" = @client AND "Minute" >= @from AND "Minute" < @to
        GROUP BY 1, 2, 3, 4
        """;

    private static readonly string Apps = $"""
        SELECT "ClientId", "Status" >= 400 AND "Status" < 500, "Status" >= 500,
               sum("Calls")::bigint, sum("TotalDurationMs"), max("MaxDurationMs"), {LatencyBuckets.SumSql("\"Buckets\"")}
        FROM api_usage_minutes
        WHERE "Minute" >= @from AND "Minute" < @to
        GROUP BY 1, 2, 3
        """;

    public async Task<IReadOnlyList<UsageRow>> ReadAsync(string clientId, TimeSpan bucket, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = bank.CreateCommand(Rows);
        command.Parameters.AddWithValue("client", clientId);
        command.Parameters.AddWithValue("bucket", bucket);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<UsageRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new UsageRow(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.GetInt64(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetFieldValue<long[]>(7)));
        }

        return rows;
    }

    /// <summary>Every app's figures over the range (the admin overview), one row per app and outcome class.</summary>
    public async Task<IReadOnlyList<(string ClientId, UsageRow Row)>> ReadAppsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = bank.CreateCommand(Apps);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, UsageRow)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            // The tally needs a status only for its class: 200, 400 or 500 stand for the class.
            var status = reader.GetBoolean(1) ? 400 : reader.GetBoolean(2) ? 500 : 200;
            rows.Add((reader.GetString(0), new UsageRow(from, "", "", status, reader.GetInt64(3), reader.GetDouble(4), reader.GetDouble(5),
                reader.GetFieldValue<long[]>(6))));
        }

        return rows;
    }
}
