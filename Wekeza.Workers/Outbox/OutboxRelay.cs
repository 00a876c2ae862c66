using System.Text;
using Npgsql;
using RabbitMQ.Client;
using Wekeza.ServiceDefaults.Messaging;

namespace Wekeza.Workers.Outbox;

/// <summary>
/// Publishes bankdb's outbox to the <c>wekeza.events</c> exchange, routing key = event type, and marks each row
/// published only after the broker confirmed it. At least once: a crash between the confirm and the mark publishes
/// the row again, with the same message id, for consumers to recognise. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so any number of workers relay side by side without sending a row twice at once.
/// </summary>
internal sealed class OutboxRelay(
    NpgsqlDataSource bank,
    RabbitMQConnection rabbit,
    MessagingTopology topology,
    TimeProvider clock,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const int BatchSize = 100;

    /// <summary>The poll when no notification comes: a committed outbox row notifies the relay at once (LISTEN wekeza_outbox).</summary>
    private static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FailureDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wakeUp = new Webhooks.DatabaseWakeUp(bank, "wekeza_outbox", logger);
        var listening = wakeUp.ListenAsync(stoppingToken);
        IChannel? channel = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!topology.IsDeclared)
                {
                    await topology.DeclareAsync(stoppingToken);
                }

                // Publisher confirms with tracking: each publish returns once the broker has taken the message.
                channel ??= await (await rabbit.GetAsync(stoppingToken)).CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken);
                if (await RelayBatchAsync(channel, stoppingToken) < BatchSize)
                {
                    await wakeUp.WaitAsync(IdleDelay, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database or the broker is away: nothing was marked, so nothing is lost; try again shortly.
                logger.LogWarning(ex, "Relaying the outbox failed: {Reason}. Retrying in {Delay}", ex.Message, FailureDelay);
                channel?.Dispose();
                channel = null;
                await Task.Delay(FailureDelay, clock, stoppingToken);
            }
        }

        channel?.Dispose();
        await listening;
    }

    private async Task<int> RelayBatchAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await using var connection = await bank.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = new List<(Guid Id, string Type, string Subject, string Payload, DateTimeOffset OccurredAt, long? Sequence)>();
        await using (var select = new NpgsqlCommand(
            """SELECT "Id", "Type", "Subject", "Payload", "OccurredAt", "Sequence" FROM outbox WHERE "PublishedAt" IS NULL ORDER BY "OccurredAt" LIMIT @limit FOR UPDATE SKIP LOCKED""",
            connection, transaction))
        {
            select.Parameters.AddWithValue("limit", BatchSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                batch.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5)));
            }
        }

        // Published together, confirms awaited together: one broker round trip per batch, not per message.
        var confirms = new List<Task>(batch.Count);
        foreach (var message in batch)
        {
            var properties = new BasicProperties
            {
                MessageId = message.Id.ToString(),
                Type = message.Type,
                ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent,
                Timestamp = new AmqpTimestamp(message.OccurredAt.ToUnixTimeSeconds()),
                Headers = new Dictionary<string, object?>
                {
                    [IncomingEvent.SubjectHeader] = message.Subject,
                    [IncomingEvent.OccurredAtHeader] = message.OccurredAt.ToString("O"),
                    [IncomingEvent.SequenceHeader] = message.Sequence,
                },
            };
            confirms.Add(channel.BasicPublishAsync(MessagingTopology.EventsExchange, message.Type, mandatory: false, properties,
                Encoding.UTF8.GetBytes(message.Payload), cancellationToken).AsTask());
        }

        await Task.WhenAll(confirms);

        if (batch.Count > 0)
        {
            await using var mark = new NpgsqlCommand("""UPDATE outbox SET "PublishedAt" = @now WHERE "Id" = ANY(@ids)""", connection, transaction);
            mark.Parameters.AddWithValue("now", clock.GetUtcNow());
            mark.Parameters.AddWithValue("ids", batch.Select(m => m.Id).ToArray());
            await mark.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Published {Count} outbox message(s)", batch.Count);
        }

        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }
}
