using Microsoft.Extensions.Options;
using Npgsql;
using Wekeza.Banking.Usage;

namespace Wekeza.Workers.Usage;

/// <summary>
/// Runs <see cref="UsageRollups"/> every <see cref="UsagePolicy.RollupInterval"/> (at once again while a backlog
/// lasts), and its retention sweep every <see cref="UsagePolicy.SweepInterval"/>. Any number of worker replicas may
/// run it side by side.
/// </summary>
internal sealed class UsageRollup(NpgsqlDataSource bank, IOptions<UsagePolicy> policy, TimeProvider clock, ILogger<UsageRollup> logger)
    : BackgroundService
{
    private DateTimeOffset _nextSweep;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RollUpAsync(stoppingToken) >= policy.Value.RollupBatch)
                {
                    // A backlog: keep going without waiting.
                }

                if (clock.GetUtcNow() >= _nextSweep)
                {
                    await SweepAsync(stoppingToken);
                    _nextSweep = clock.GetUtcNow() + policy.Value.SweepInterval;
                }

                await Task.Delay(policy.Value.RollupInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Rolling up usage failed; trying again shortly");
                await Task.Delay(policy.Value.RollupInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One pass: returns how many raw records it counted.</summary>
    public async Task<long> RollUpAsync(CancellationToken cancellationToken)
    {
        var (calls, minutes) = await UsageRollups.RollUpAsync(bank, policy.Value.RollupBatch, cancellationToken);
        if (calls > 0)
        {
            logger.LogDebug("Rolled up {Calls} call record(s) into {Minutes} minute row(s)", calls, minutes);
        }

        return calls;
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var (raw, minutes) = await UsageRollups.SweepAsync(bank, clock.GetUtcNow(), policy.Value, cancellationToken);
        if (raw + minutes > 0)
        {
            logger.LogInformation("Usage retention: deleted {Raw} call record(s) and {Minutes} minute row(s)", raw, minutes);
        }
    }
}
