using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;

namespace Wekeza.Api.Features.Payments;

/// <summary>
/// Forgets Idempotency-Keys past their 24 hours, every hour, so the table holds a day of keys and no more. A key is
/// already treated as unused once expired (and its record replaced on reuse); this only reclaims the rows.
/// </summary>
internal sealed partial class IdempotencyKeySweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyKeySweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BankDbContext>();
                var now = clock.GetUtcNow();
                var forgotten = await db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(stoppingToken);
                LogSwept(forgotten);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Forgot {Count} expired Idempotency-Key record(s)")]
    private partial void LogSwept(int count);

    [LoggerMessage(LogLevel.Warning, "Sweeping expired Idempotency-Keys failed; trying again in an hour")]
    private partial void LogSweepFailed(Exception exception);
}
