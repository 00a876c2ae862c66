using OpenIddict.Abstractions;

namespace Wekeza.Auth.Server;

/// <summary>
/// Removes expired and revoked tokens and authorizations from authdb once an hour, as OpenIddict.Quartz would (not
/// on our package source). Pruning only touches rows past their life, so replicas running it at once do no harm.
/// </summary>
internal sealed class TokenPruning(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TokenPruning> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Rows younger than this stay, so an audit of the last two weeks can still read them.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first round waits an interval too: a starting replica has better things to do, and pruning is never urgent.
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var threshold = clock.GetUtcNow() - Retention;
                var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, stoppingToken);
                var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, stoppingToken);
                logger.LogInformation("Pruned {Tokens} tokens and {Authorizations} authorizations older than {Threshold}", tokens, authorizations, threshold);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly away; the next round tries again.
                logger.LogWarning(ex, "Pruning tokens failed: {Reason}", ex.Message);
            }
        }
    }
}
