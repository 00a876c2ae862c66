using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Wekeza.Banking.Webhooks;
using Wekeza.Consents;
using Wekeza.Payments;
using Wekeza.ServiceDefaults.Messaging;
using Wekeza.Webhooks;
using Wekeza.Workers.Messaging;

namespace Wekeza.Workers.Webhooks;

/// <summary>
/// Turns one platform event into the events of the apps it concerns (the app that made the payment or holds the
/// consent; for <c>transaction.posted</c>, every app with a live consent to read that account's transactions) and a
/// delivery for each of their enabled endpoints subscribed to the type, in one transaction. Idempotent: an app's
/// event is unique per outbox message, so a redelivered message adds nothing and sends nothing twice.
/// </summary>
internal sealed class WebhookFanOut(string eventType, NpgsqlDataSource bank, WebhookDispatcher dispatcher, TimeProvider clock, ILogger<WebhookFanOut> logger)
    : IEventHandler
{
    public string EventType => eventType;

    public string? Queue => WorkerQueues.Webhooks;

    public Task HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Webhook fan-out needs the message's id and subject.");

    public async Task HandleAsync(IncomingEvent message, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(message.MessageId, out var sourceId))
        {
            throw new JsonException($"A {eventType} message without an outbox message id cannot be fanned out exactly once.");
        }

        var occurredAt = message.OccurredAt ?? clock.GetUtcNow();
        await using var connection = await bank.OpenConnectionAsync(cancellationToken);
        var recipients = await RecipientsAsync(connection, message, occurredAt, cancellationToken);
        if (recipients.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // This process wakes its dispatcher itself (below); a NOTIFY would only add a cluster-wide lock to the commit.
        await using (var quiet = new NpgsqlCommand("SET LOCAL wekeza.notify_webhooks = 'off'", connection, transaction))
        {
            await quiet.ExecuteNonQueryAsync(cancellationToken);
        }

        var events = recipients.Select(recipient =>
        {
            var id = WebhookEvent.NewId(now);
            return (Id: id, recipient.ClientId, Payload: WebhookEnvelope.Write(id, eventType, occurredAt, message.Subject ?? "", message.Sequence, recipient.Data));
        }).ToList();

        // Inserted in client id order: each insert locks its app's position counter until commit, and one order for
        // every fan-out means two of them touching the same apps never deadlock.
        var inserted = new List<(string Id, string ClientId)>();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO webhook_events ("Id", "ClientId", "SourceId", "Type", "Subject", "Sequence", "Payload", "OccurredAt")
            SELECT e.id, e.client, @source, @type, @subject, @sequence, e.payload, @occurred
            FROM unnest(@ids, @clients, @payloads) AS e(id, client, payload)
            ORDER BY e.client
            ON CONFLICT ("SourceId", "ClientId") DO NOTHING
            RETURNING "Id", "ClientId"
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("source", sourceId);
            insert.Parameters.AddWithValue("type", eventType);
            insert.Parameters.AddWithValue("subject", message.Subject ?? "");
            insert.Parameters.Add(new NpgsqlParameter("sequence", NpgsqlDbType.Bigint) { Value = (object?)message.Sequence ?? DBNull.Value });
            insert.Parameters.AddWithValue("occurred", occurredAt);
            insert.Parameters.AddWithValue("ids", events.Select(e => e.Id).ToArray());
            insert.Parameters.AddWithValue("clients", events.Select(e => e.ClientId).ToArray());
            insert.Parameters.AddWithValue("payloads", events.Select(e => e.Payload).ToArray());
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var deliveries = 0;
        if (inserted.Count > 0)
        {
            // Every enabled endpoint of those apps subscribed to this type; the ids are made here so they sort by time.
            await using var deliver = new NpgsqlCommand("""
                INSERT INTO webhook_deliveries ("Id", "EventId", "EndpointId", "ClientId", "EventType", "Status", "Attempts", "NextAttemptAt", "CreatedAt")
                SELECT 'dlv_' || replace(gen_random_uuid()::text, '-', ''), ev.id, ep."Id", ep."ClientId", @type, 'Pending', 0, @now, @now
                FROM unnest(@ids, @clients) AS ev(id, client)
                JOIN webhook_endpoints ep ON ep."ClientId" = ev.client
                WHERE ep."Enabled" AND @type = ANY(ep."EventTypes")
                ON CONFLICT ("EventId", "EndpointId") DO NOTHING
                """, connection, transaction);
            deliver.Parameters.AddWithValue("type", eventType);
            deliver.Parameters.AddWithValue("now", now);
            deliver.Parameters.AddWithValue("ids", inserted.Select(e => e.Id).ToArray());
            deliver.Parameters.AddWithValue("clients", inserted.Select(e => e.ClientId).ToArray());
            deliveries = await deliver.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (deliveries > 0)
        {
            dispatcher.Wake();
        }

        logger.LogDebug("{Type} {Subject}: {Events} app event(s), {Deliveries} deliveries", eventType, message.Subject, inserted.Count, deliveries);
    }

    private async Task<List<(string ClientId, object Data)>> RecipientsAsync(NpgsqlConnection connection, IncomingEvent message, DateTimeOffset occurredAt,
        CancellationToken cancellationToken)
    {
        if (eventType.StartsWith("payment.", StringComparison.Ordinal))
        {
            var payment = Read<PaymentEventData>(message);
            return [(payment.ClientId, new
            {
                paymentId = payment.PaymentId, consentId = payment.ConsentId, status = payment.Status, reasonCode = payment.ReasonCode,
                amount = payment.Amount, currency = payment.Currency, debtorAccountId = payment.DebtorAccountId,
                creditorName = payment.CreditorName, reference = payment.Reference, statusUpdatedAt = payment.StatusUpdatedAt,
            })];
        }

        if (eventType.StartsWith("consent.", StringComparison.Ordinal))
        {
            var consent = Read<ConsentSnapshot>(message);
            return [(consent.ClientId, new
            {
                consentId = consent.ConsentId, kind = consent.Kind, status = consent.Status, permissions = consent.Permissions,
                accountIds = consent.AccountIds, expiresAt = consent.ExpiresAt,
            })];
        }

        // transaction.posted: the apps that may read this account's transactions at the time of the booking.
        var posted = Read<TransactionPostedData>(message);
        var clients = new List<string>();
        await using (var query = new NpgsqlCommand("""
            SELECT DISTINCT "ClientId" FROM consents
            WHERE "Status" = 'Authorised' AND "Kind" = 'account-access' AND "ExpiresAt" > @at
              AND @account = ANY("AccountIds") AND 'ReadTransactions' = ANY("Permissions")
              AND ("TransactionFrom" IS NULL OR "TransactionFrom" <= @booked) AND ("TransactionTo" IS NULL OR "TransactionTo" >= @booked)
            """, connection))
        {
            query.Parameters.AddWithValue("at", occurredAt);
            query.Parameters.AddWithValue("account", posted.AccountId);
            query.Parameters.AddWithValue("booked", posted.BookedAt);
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                clients.Add(reader.GetString(0));
            }
        }

        var data = new
        {
            accountId = posted.AccountId, transactionId = posted.TransactionId, amount = posted.Amount, currency = posted.Currency,
            creditDebitIndicator = posted.CreditDebitIndicator, balanceAfter = posted.BalanceAfter, description = posted.Description,
            reference = posted.Reference, bookedAt = posted.BookedAt,
        };
        return [.. clients.Select(client => (client, (object)data))];
    }

    private static T Read<T>(IncomingEvent message) =>
        JsonSerializer.Deserialize<T>(message.Body.Span, JsonSerializerOptions.Web) ?? throw new JsonException($"An empty {message.Type} event.");
}
