using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Wekeza.Banking.Webhooks;
using Wekeza.Webhooks;
using Wekeza.Workers.Observability;

namespace Wekeza.Workers.Webhooks;

/// <summary>
/// Sends due deliveries. Their state lives in bankdb: a delivery is claimed with a lease (so any number of worker
/// replicas share the work, and a worker that dies lets go when the lease passes), sent, and its outcome recorded:
/// Succeeded, or Pending again at the next time of the retry schedule, or Failed once the schedule is exhausted.
/// Isolation: at most <see cref="WebhookPolicy.ConcurrencyPerEndpoint"/> requests in flight per endpoint, and an
/// endpoint at its limit is left out of the next claim, so a slow or dead endpoint holds only its own slots while
/// every other endpoint's deliveries go on. Outcomes are written in batches, not one transaction per request.
/// </summary>
internal sealed class WebhookDispatcher(
    NpgsqlDataSource bank,
    WebhookSender sender,
    WebhookSecretProtector secrets,
    WebhookOutcomes outcomes,
    WorkerMetrics metrics,
    IOptions<WebhookPolicy> policy,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FailureDelay = TimeSpan.FromSeconds(2);

    private readonly DatabaseWakeUp _wakeUp = new(bank, "wekeza_webhooks", logger);
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Channel<RecordedAttempt> _results = Channel.CreateUnbounded<RecordedAttempt>(new UnboundedChannelOptions { SingleReader = true });
    private int _total;

    /// <summary>New deliveries were committed in this process: claim them now.</summary>
    public void Wake() => _wakeUp.Signal();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = _wakeUp.ListenAsync(stoppingToken);
        var recording = RecordLoopAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var free = policy.Value.Concurrency - Volatile.Read(ref _total);
                var claimed = free > 0 ? await ClaimAndSendAsync(free, stoppingToken) : 0;
                if (claimed == 0 || claimed >= free)
                {
                    await _wakeUp.WaitAsync(PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Claiming webhook deliveries failed: {Reason}. Retrying in {Delay}", ex.Message, FailureDelay);
                await Task.Delay(FailureDelay, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        // Let the requests in flight finish (each has its own deadline) and their outcomes be written.
        var drainUntil = clock.GetUtcNow() + policy.Value.Timeout + TimeSpan.FromSeconds(2);
        while (Volatile.Read(ref _total) > 0 && clock.GetUtcNow() < drainUntil)
        {
            await Task.Delay(50);
        }

        _results.Writer.TryComplete();
        await recording;
        await listening;
    }

    private async Task<int> ClaimAndSendAsync(int limit, CancellationToken cancellationToken)
    {
        var perEndpoint = policy.Value.ConcurrencyPerEndpoint;
        string[] busyIds;
        int[] busyFree;
        lock (_inFlight)
        {
            busyIds = [.. _inFlight.Keys];
            busyFree = [.. _inFlight.Values.Select(count => Math.Max(0, perEndpoint - count))];
        }

        var now = clock.GetUtcNow();
        // The lease starts when the row is taken (the database's clock), not when the query was sent: a slow claim
        // never hands out rows whose lease has already passed.
        var leaseSpan = policy.Value.Timeout + TimeSpan.FromSeconds(5);
        var claimed = new List<ClaimedDelivery>();
        await using (var claim = bank.CreateCommand("""
            WITH due AS (
                SELECT d."Id", d."EndpointId", row_number() OVER (PARTITION BY d."EndpointId" ORDER BY d."NextAttemptAt") AS rank
                FROM (SELECT "Id", "EndpointId", "NextAttemptAt" FROM webhook_deliveries
                      WHERE "Status" = 'Pending' AND "NextAttemptAt" <= @now AND ("LeaseUntil" IS NULL OR "LeaseUntil" < @now)
                      ORDER BY "NextAttemptAt" LIMIT @scan) d
            ),
            picked AS (
                SELECT due."Id" FROM due LEFT JOIN unnest(@busy_ids, @busy_free) AS b(id, free) ON b.id = due."EndpointId"
                WHERE due.rank <= coalesce(b.free, @per_endpoint)
                LIMIT @limit
            )
            UPDATE webhook_deliveries d SET "LeaseUntil" = clock_timestamp() + @lease_span
            FROM webhook_endpoints e, webhook_events v
            WHERE d."Id" = ANY(ARRAY(SELECT "Id" FROM picked)) AND d."Status" = 'Pending' AND (d."LeaseUntil" IS NULL OR d."LeaseUntil" < @now)
              AND e."Id" = d."EndpointId" AND v."Id" = d."EventId"
            RETURNING d."Id", d."EndpointId", d."ClientId", d."EventId", d."Attempts", e."Url", e."Enabled", e."SecretCiphertext",
                      e."PreviousSecretCiphertext", e."PreviousSecretExpiresAt", v."Payload", d."LeaseUntil", v."OccurredAt",
                      -- Delivered before (then resent): its next success is not a first delivery, for the lag metric.
                      d."Attempts" > 0 AND EXISTS (SELECT 1 FROM webhook_attempts a WHERE a."DeliveryId" = d."Id" AND a."StatusCode" BETWEEN 200 AND 299)
            """))
        {
            claim.Parameters.AddWithValue("now", now);
            claim.Parameters.AddWithValue("lease_span", leaseSpan);
            claim.Parameters.AddWithValue("scan", Math.Max(limit * 4, 200));
            claim.Parameters.AddWithValue("limit", limit);
            claim.Parameters.AddWithValue("per_endpoint", (long)perEndpoint);
            claim.Parameters.Add(new NpgsqlParameter("busy_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = busyIds });
            claim.Parameters.Add(new NpgsqlParameter("busy_free", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = busyFree.Select(f => (long)f).ToArray() });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ClaimedDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                    reader.GetString(5), reader.GetBoolean(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.GetString(10), reader.GetFieldValue<DateTimeOffset>(11),
                    reader.GetFieldValue<DateTimeOffset>(12), reader.GetBoolean(13)));
            }
        }

        foreach (var delivery in claimed)
        {
            lock (_inFlight)
            {
                _inFlight[delivery.EndpointId] = _inFlight.GetValueOrDefault(delivery.EndpointId) + 1;
            }

            Interlocked.Increment(ref _total);
            _ = Task.Run(() => SendAsync(delivery, cancellationToken), CancellationToken.None);
        }

        return claimed.Count;
    }

    private async Task SendAsync(ClaimedDelivery delivery, CancellationToken stoppingToken)
    {
        var attemptedAt = clock.GetUtcNow();
        WebhookAttemptResult result;
        try
        {
            if (!delivery.Enabled)
            {
                result = new(false, null, 0, "Endpoint disabled: not sent.", null);
            }
            else
            {
                var signing = new List<string> { secrets.Unprotect(delivery.Secret) };
                if (delivery.PreviousSecret is not null && delivery.PreviousSecretExpiresAt > attemptedAt)
                {
                    signing.Add(secrets.Unprotect(delivery.PreviousSecret));
                }

                // Not cancelled by the stop: a request in flight finishes (within its deadline) and is recorded.
                result = await sender.SendAsync(new WebhookRequest(delivery.Url, ClientEnvironments.IsSandbox(delivery.ClientId), delivery.EventId,
                    delivery.Payload, signing), CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Sending delivery {DeliveryId} failed unexpectedly", delivery.Id);
            result = new(false, null, 0, "Internal error while sending; it will be retried.", null);
        }
        finally
        {
            lock (_inFlight)
            {
                var left = _inFlight.GetValueOrDefault(delivery.EndpointId) - 1;
                if (left <= 0)
                {
                    _inFlight.Remove(delivery.EndpointId);
                }
                else
                {
                    _inFlight[delivery.EndpointId] = left;
                }
            }

            Interlocked.Decrement(ref _total);
        }

        metrics.WebhookAttempted(delivery, attemptedAt, result);
        _results.Writer.TryWrite(new RecordedAttempt(delivery, attemptedAt, result));
        if (!stoppingToken.IsCancellationRequested)
        {
            // A slot is free: there may be due work for this endpoint that the last claim left out.
            _wakeUp.Signal();
        }
    }

    /// <summary>Writes outcomes in batches: one transaction for everything that finished since the last write.</summary>
    private async Task RecordLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<RecordedAttempt>();
        while (await _results.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < 500 && _results.Reader.TryRead(out var attempt))
            {
                batch.Add(attempt);
            }

            for (var retry = 0; ; retry++)
            {
                try
                {
                    await outcomes.RecordAsync(batch, CancellationToken.None);
                    break;
                }
                catch (Exception ex) when (retry < 30)
                {
                    // The database is away: keep the outcomes and try again; the leases keep others off meanwhile.
                    logger.LogWarning(ex, "Recording {Count} webhook outcome(s) failed: {Reason}. Retrying", batch.Count, ex.Message);
                    await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
                }
                catch (Exception ex)
                {
                    // Given up: the leases pass and the deliveries are sent again (at least once).
                    logger.LogError(ex, "Dropping {Count} webhook outcome(s); those deliveries will be sent again", batch.Count);
                    break;
                }
            }

            batch.Clear();
        }
    }
}

internal sealed record ClaimedDelivery(
    string Id, string EndpointId, string ClientId, string EventId, int Attempts, string Url, bool Enabled, string Secret,
    string? PreviousSecret, DateTimeOffset? PreviousSecretExpiresAt, string Payload, DateTimeOffset Lease,
    DateTimeOffset? EventOccurredAt = null, bool DeliveredBefore = false);

internal sealed record RecordedAttempt(ClaimedDelivery Delivery, DateTimeOffset AttemptedAt, WebhookAttemptResult Result);
