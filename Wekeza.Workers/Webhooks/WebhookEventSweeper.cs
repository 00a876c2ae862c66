using Microsoft.Extensions.Options;
using Npgsql;
using Wekeza.Banking.Webhooks;

namespace Wekeza.Workers.Webhooks;

/// <summary>
/// Events (and their deliveries and attempts) are kept for <see cref="WebhookPolicy.EventRetention"/> (30 days,
/// docs/webhooks.md), then deleted hourly in small batches so the sweep never holds long locks.
/// </summary>
internal sealed class WebhookEventSweeper(NpgsqlDataSource bank, IOptions<WebhookPolicy> policy, TimeProvider clock, ILogger<WebhookEventSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int deleted;
                do
                {
                    await using var sweep = bank.CreateCommand("""
                        DELETE FROM webhook_events WHERE "Id" IN (SELECT "Id" FROM webhook_events WHERE "OccurredAt" < @cutoff LIMIT 1000)
                        """);
                    sweep.Parameters.AddWithValue("cutoff", clock.GetUtcNow() - policy.Value.EventRetention);
                    deleted = await sweep.ExecuteNonQueryAsync(stoppingToken);
                    if (deleted > 0)
                    {
                        logger.LogInformation("Deleted {Count} webhook event(s) past retention", deleted);
                    }
                }
                while (deleted == 1000);

                await Task.Delay(TimeSpan.FromHours(1), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Sweeping old webhook events failed; trying again in a minute");
                await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
