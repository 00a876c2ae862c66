using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Wekeza.Banking.Webhooks;
using Wekeza.Webhooks;

namespace Wekeza.Workers.Webhooks;

/// <summary>What an attempt means for its delivery: done, retried at the next time of the schedule, or failed.</summary>
internal sealed record DeliveryDecision(string Status, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt)
{
    public static DeliveryDecision For(ClaimedDelivery delivery, WebhookAttemptResult result, DateTimeOffset now, WebhookPolicy policy, double random)
    {
        var attempts = delivery.Attempts + 1;
        if (result.Succeeded)
        {
            return new(WebhookDeliveryStatuses.Succeeded, attempts, null, now);
        }

        var next = delivery.Enabled ? policy.NextAttemptAt(attempts, ClientEnvironments.IsSandbox(delivery.ClientId), now, random) : null;
        return next is null
            ? new(WebhookDeliveryStatuses.Failed, attempts, null, now)
            : new(WebhookDeliveryStatuses.Pending, attempts, next, null);
    }
}

/// <summary>
/// Records a batch of attempts in one transaction: the attempt log, each delivery's new state (only if this worker
/// still holds its lease), the endpoints' failing streaks, and the disabling of endpoints that failed for the whole
/// period — which fails their pending deliveries and announces <c>webhook-endpoint.disabled</c> through the outbox
/// (auth emails the owner).
/// </summary>
internal sealed class WebhookOutcomes(NpgsqlDataSource bank, IOptions<WebhookPolicy> policy, TimeProvider clock, ILogger<WebhookOutcomes> logger)
{
    public async Task RecordAsync(IReadOnlyList<RecordedAttempt> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var decisions = batch.Select(a => DeliveryDecision.For(a.Delivery, a.Result, a.AttemptedAt.AddMilliseconds(a.Result.DurationMs), policy.Value, Random.Shared.NextDouble()))
            .ToArray();
        await using var connection = await bank.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var log = new NpgsqlCommand("""
            INSERT INTO webhook_attempts ("DeliveryId", "AttemptedAt", "StatusCode", "DurationMs", "Error", "ResponseBody")
            SELECT * FROM unnest(@ids, @at, @codes, @durations, @errors, @bodies)
            """, connection, transaction))
        {
            log.Parameters.AddWithValue("ids", batch.Select(a => a.Delivery.Id).ToArray());
            log.Parameters.AddWithValue("at", batch.Select(a => a.AttemptedAt).ToArray());
            log.Parameters.Add(new NpgsqlParameter("codes", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = batch.Select(a => a.Result.StatusCode).ToArray() });
            log.Parameters.AddWithValue("durations", batch.Select(a => a.Result.DurationMs).ToArray());
            log.Parameters.Add(new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = batch.Select(a => a.Result.Error).ToArray() });
            log.Parameters.Add(new NpgsqlParameter("bodies", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = batch.Select(a => a.Result.ResponseBody).ToArray() });
            await log.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var update = new NpgsqlCommand("""
            UPDATE webhook_deliveries d SET
                "Status" = r.status, "Attempts" = r.attempts, "NextAttemptAt" = r.next, "LeaseUntil" = NULL,
                "LastAttemptAt" = r.at, "LastStatusCode" = r.code, "LastError" = r.error, "CompletedAt" = r.completed
            FROM unnest(@ids, @leases, @statuses, @attempts, @next, @at, @codes, @errors, @completed)
                AS r(id, lease, status, attempts, next, at, code, error, completed)
            WHERE d."Id" = r.id AND d."LeaseUntil" = r.lease
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("ids", batch.Select(a => a.Delivery.Id).ToArray());
            update.Parameters.AddWithValue("leases", batch.Select(a => a.Delivery.Lease).ToArray());
            update.Parameters.AddWithValue("statuses", decisions.Select(d => d.Status).ToArray());
            update.Parameters.AddWithValue("attempts", decisions.Select(d => d.Attempts).ToArray());
            update.Parameters.Add(new NpgsqlParameter("next", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = decisions.Select(d => d.NextAttemptAt).ToArray() });
            update.Parameters.AddWithValue("at", batch.Select(a => a.AttemptedAt).ToArray());
            update.Parameters.Add(new NpgsqlParameter("codes", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = batch.Select(a => a.Result.StatusCode).ToArray() });
            update.Parameters.Add(new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = batch.Select(a => a.Result.Error).ToArray() });
            update.Parameters.Add(new NpgsqlParameter("completed", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = decisions.Select(d => d.CompletedAt).ToArray() });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        var attempted = batch.Where(a => a.Delivery.Enabled).ToList();
        var failed = attempted.Where(a => !a.Result.Succeeded).GroupBy(a => a.Delivery.EndpointId).Select(g => (Id: g.Key, Since: g.Min(a => a.AttemptedAt))).ToArray();
        var succeeded = attempted.Where(a => a.Result.Succeeded).Select(a => a.Delivery.EndpointId).Distinct().ToArray();
        if (failed.Length > 0)
        {
            await using var streak = new NpgsqlCommand("""
                UPDATE webhook_endpoints e SET "FailingSince" = f.since
                FROM unnest(@ids, @since) AS f(id, since)
                WHERE e."Id" = f.id AND e."FailingSince" IS NULL AND e."Enabled"
                """, connection, transaction);
            streak.Parameters.AddWithValue("ids", failed.Select(f => f.Id).ToArray());
            streak.Parameters.AddWithValue("since", failed.Select(f => f.Since).ToArray());
            await streak.ExecuteNonQueryAsync(cancellationToken);
        }

        if (succeeded.Length > 0)
        {
            await using var healthy = new NpgsqlCommand("""UPDATE webhook_endpoints SET "FailingSince" = NULL WHERE "Id" = ANY(@ids) AND "FailingSince" IS NOT NULL""",
                connection, transaction);
            healthy.Parameters.AddWithValue("ids", succeeded);
            await healthy.ExecuteNonQueryAsync(cancellationToken);
        }

        if (failed.Length > 0)
        {
            await DisableLongFailingAsync(connection, transaction, [.. failed.Select(f => f.Id)], batch, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task DisableLongFailingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] endpointIds,
        IReadOnlyList<RecordedAttempt> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var disabled = new List<(string Id, string ClientId, string Url, DateTimeOffset Since)>();
        await using (var disable = new NpgsqlCommand("""
            UPDATE webhook_endpoints SET "Enabled" = false, "DisabledAt" = @now, "UpdatedAt" = @now,
                "DisabledReason" = 'Disabled automatically: every delivery failed since ' || to_char("FailingSince" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC.'
            WHERE "Id" = ANY(@ids) AND "Enabled" AND "FailingSince" IS NOT NULL
              AND "FailingSince" <= @now - (CASE WHEN "ClientId" LIKE 'live\_%' THEN @production ELSE @sandbox END)
            RETURNING "Id", "ClientId", "Url", "FailingSince"
            """, connection, transaction))
        {
            disable.Parameters.AddWithValue("ids", endpointIds);
            disable.Parameters.AddWithValue("now", now);
            disable.Parameters.AddWithValue("production", policy.Value.DisableAfter);
            disable.Parameters.AddWithValue("sandbox", policy.Value.SandboxDisableAfter);
            await using var reader = await disable.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                disabled.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        foreach (var endpoint in disabled)
        {
            logger.LogWarning("Webhook endpoint {EndpointId} of {ClientId} disabled: failing since {Since}", endpoint.Id, endpoint.ClientId, endpoint.Since);
            await using (var fail = new NpgsqlCommand("""
                UPDATE webhook_deliveries SET "Status" = 'Failed', "NextAttemptAt" = NULL, "CompletedAt" = @now,
                    "LastError" = coalesce("LastError", 'Endpoint disabled: not sent.')
                WHERE "EndpointId" = @id AND "Status" = 'Pending' AND ("LeaseUntil" IS NULL OR "LeaseUntil" < @now)
                """, connection, transaction))
            {
                fail.Parameters.AddWithValue("id", endpoint.Id);
                fail.Parameters.AddWithValue("now", now);
                await fail.ExecuteNonQueryAsync(cancellationToken);
            }

            var lastError = batch.LastOrDefault(a => a.Delivery.EndpointId == endpoint.Id)?.Result.Error;
            await using var announce = new NpgsqlCommand("""
                INSERT INTO outbox ("Id", "Type", "Subject", "Payload", "OccurredAt") VALUES (@id, @type, @subject, @payload::jsonb, @now)
                """, connection, transaction);
            announce.Parameters.AddWithValue("id", Guid.CreateVersion7(now));
            announce.Parameters.AddWithValue("type", WebhookEndpointEvents.Disabled);
            announce.Parameters.AddWithValue("subject", endpoint.Id);
            announce.Parameters.AddWithValue("payload", JsonSerializer.Serialize(
                new WebhookEndpointDisabledData(endpoint.Id, endpoint.ClientId, endpoint.Url, endpoint.Since, now, lastError), JsonSerializerOptions.Web));
            announce.Parameters.AddWithValue("now", now);
            await announce.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
