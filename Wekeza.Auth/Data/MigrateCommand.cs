using Microsoft.EntityFrameworkCore;

namespace Wekeza.Auth.Data;

/// <summary>
/// <c>Wekeza.Auth migrate</c>: the one-shot step the AppHost runs (and waits for) before it starts the service, so
/// migrations are applied exactly once and never raced by replicas. It then seeds what the service needs (AuthSeeder). The normal start never migrates.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static bool IsRequested(IReadOnlyList<string> args) => args is [Name, ..];

    /// <returns>The process exit code: 0 when authdb is up to date, 1 when it could not be brought there.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand));
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            logger.LogInformation("Applying {Count} pending migration(s) to {Database}: {Migrations}",
                pending.Count, ResourceNames.AuthDb, pending);
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("{Database} is up to date", ResourceNames.AuthDb);
            await scope.ServiceProvider.GetRequiredService<AuthSeeder>().SeedAsync(cancellationToken);
            logger.LogInformation("{Database} is seeded", ResourceNames.AuthDb);
            return 0;
        }
        catch (Exception ex)
        {
            // The AppHost shows this process's log when the exit code is not 0: say what failed, not just that it did.
            logger.LogCritical(ex, "Migrating {Database} failed: {Reason}", ResourceNames.AuthDb, ex.Message);
            return 1;
        }
    }
}
