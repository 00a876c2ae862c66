using System.Diagnostics;
using Npgsql;

namespace Wekeza.Bench;

/// <summary>
/// One delivery of one of the run's events as bankdb has it after the run, with the stamps each stage of the pipeline
/// leaves: the relay's <c>PublishedAt</c> on the outbox row (set after the whole batch was confirmed by the broker),
/// the fan-out's <c>CreatedAt</c> on the delivery (taken when the handler inserts the rows, before its commit), the
/// dispatcher's first <c>AttemptedAt</c> (when the request started) and <c>CompletedAt</c> (the attempt's end as the
/// dispatcher measured it, written with the outcome batch). Null where a stage has not happened.
/// </summary>
internal sealed record DeliveryTrace(int Event, string? EndpointId, DateTimeOffset? PublishedAt, DateTimeOffset? CreatedAt, DateTimeOffset? FirstAttemptAt,
    DateTimeOffset? CompletedAt, string? Status, int Attempts);

internal static class PipelineTrace
{
    public static async Task<IReadOnlyList<DeliveryTrace>> ReadAsync(string bankDb, string clientId, OutboxEvents events)
    {
        await using var connection = new NpgsqlConnection(bankDb);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""
            SELECT o."Subject", o."PublishedAt", d."EndpointId", d."CreatedAt",
                   (SELECT min(a."AttemptedAt") FROM webhook_attempts a WHERE a."DeliveryId" = d."Id"), d."CompletedAt", d."Status", d."Attempts"
            FROM outbox o
            LEFT JOIN webhook_events e ON e."SourceId" = o."Id" AND e."ClientId" = @client
            LEFT JOIN webhook_deliveries d ON d."EventId" = e."Id"
            WHERE starts_with(o."Subject", @prefix)
            """, connection);
        query.Parameters.AddWithValue("client", clientId);
        query.Parameters.AddWithValue("prefix", events.Prefix);
        var traces = new List<DeliveryTrace>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            DateTimeOffset? At(int column) => reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);
            traces.Add(new DeliveryTrace(events.IndexOf(reader.GetString(0)), reader.IsDBNull(2) ? null : reader.GetString(2), At(1), At(3), At(4), At(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? 0 : reader.GetInt32(7)));
        }

        return traces;
    }

    /// <summary>
    /// The run's deliveries by status, once none is Pending any more (the dispatcher writes outcomes in batches after the
    /// receiver has answered) or <paramref name="timeout"/> has passed; and how long after the call that was.
    /// </summary>
    public static async Task<(IReadOnlyDictionary<string, int> States, int Unpublished, TimeSpan Waited)> WaitForOutcomesAsync(
        string bankDb, string clientId, OutboxEvents events, TimeSpan timeout)
    {
        await using var connection = new NpgsqlConnection(bankDb);
        await connection.OpenAsync();
        await using var states = new NpgsqlCommand("""
            SELECT d."Status", count(*)::int FROM webhook_events e JOIN webhook_deliveries d ON d."EventId" = e."Id"
            WHERE e."ClientId" = @client AND starts_with(e."Subject", @prefix) GROUP BY d."Status"
            """, connection);
        states.Parameters.AddWithValue("client", clientId);
        states.Parameters.AddWithValue("prefix", events.Prefix);
        await using var unpublished = new NpgsqlCommand("""SELECT count(*)::int FROM outbox WHERE "PublishedAt" IS NULL AND starts_with("Subject", @prefix)""", connection);
        unpublished.Parameters.AddWithValue("prefix", events.Prefix);

        var clock = Stopwatch.StartNew();
        while (true)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            await using (var reader = await states.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    counts[reader.GetString(0)] = reader.GetInt32(1);
                }
            }

            var left = (int)(await unpublished.ExecuteScalarAsync())!;
            if ((counts.GetValueOrDefault("Pending") == 0 && left == 0) || clock.Elapsed > timeout)
            {
                return (counts, left, clock.Elapsed);
            }

            await Task.Delay(100);
        }
    }
}
