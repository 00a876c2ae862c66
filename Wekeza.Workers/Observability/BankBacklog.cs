using Npgsql;

namespace Wekeza.Workers.Observability;

/// <summary>What is waiting in bankdb: payments not yet final, outbox rows not yet published, deliveries not yet done.</summary>
internal sealed record BacklogFigures(
    long PaymentsInProcess, DateTimeOffset? OldestPaymentAt, long OutboxBacklog, DateTimeOffset? OldestOutboxAt, long WebhookDeliveriesPending);

/// <summary>
/// Reads <see cref="BacklogFigures"/> in one query, each part over a partial index that holds only the waiting rows
/// (payments' in-process index, the relay's unpublished-outbox index, the dispatcher's pending-deliveries index), so
/// its cost follows the backlog, not the tables' history.
/// </summary>
internal sealed class BankBacklog(NpgsqlDataSource bank)
{
    public async Task<BacklogFigures> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = bank.CreateCommand("""
            SELECT
                (SELECT count(*) FROM payments WHERE "Status" IN ('Pending', 'AcceptedSettlementInProcess')),
                (SELECT min("CreatedAt") FROM payments WHERE "Status" IN ('Pending', 'AcceptedSettlementInProcess')),
                (SELECT count(*) FROM outbox WHERE "PublishedAt" IS NULL),
                (SELECT min("OccurredAt") FROM outbox WHERE "PublishedAt" IS NULL),
                (SELECT count(*) FROM webhook_deliveries WHERE "Status" = 'Pending')
            """);
        command.CommandTimeout = 3;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new BacklogFigures(
            reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetInt64(4));
    }
}
