using Microsoft.Extensions.Options;
using Wekeza.Banking.CoreBanking;

namespace Wekeza.Workers.Payments.Sandbox;

/// <summary><c>Payments:HeldSettlementSweep</c>: how often the workers look for held settlements that fell due.</summary>
public sealed class HeldSettlementOptions
{
    public TimeSpan HeldSettlementSweep { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Settles held settlements (<c>SWITCH-PENDING…</c>) once their app's sandbox clock passes the due time, whether real
/// time got there or the app moved its clock. Every replica sweeps; <see cref="PaymentProcessing.SettleHeldAsync"/>
/// locks and re-checks each payment, so a payment two replicas find is settled once.
/// </summary>
internal sealed partial class HeldSettlementSweeper(
    IServiceScopeFactory scopes,
    IOptions<HeldSettlementOptions> options,
    TimeProvider clock,
    ILogger<HeldSettlementSweeper> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
                await Task.Delay(options.Value.HeldSettlementSweep, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSweepFailed(ex);
                await Task.Delay(options.Value.HeldSettlementSweep, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Settles what is due now; another batch straight away only while batches come back full and clean.</summary>
    internal async Task SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BankDbContext>();
        var processing = scope.ServiceProvider.GetRequiredService<PaymentProcessing>();
        bool again;
        do
        {
            var due = await db.DueHeldSettlementsAsync(clock.GetUtcNow(), Batch, ct);
            var failed = 0;
            foreach (var paymentId in due)
            {
                try
                {
                    await processing.SettleHeldAsync(paymentId, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One payment the ledger refuses must not hold up the others; it is due again at the next sweep.
                    failed++;
                    LogSettleFailed(ex, paymentId);
                }
            }

            again = due.Count == Batch && failed == 0;
        }
        while (again);
    }

    [LoggerMessage(LogLevel.Warning, "Sweeping held settlements failed; trying again at the next sweep")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(LogLevel.Error, "Settling held payment {PaymentId} failed; it stays held until the next sweep")]
    private partial void LogSettleFailed(Exception exception, string paymentId);
}
