using Wekeza.Banking.CoreBanking;
using Microsoft.EntityFrameworkCore;

namespace Wekeza.Api;

/// <summary>
/// <c>Wekeza.Api migrate</c>: the one-shot step the AppHost runs before the API starts: bankdb's migrations, then (when
/// <c>Bank:SeedSandbox</c> is true) the sandbox's customers, accounts and history, once.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";
    public const string SeedSandboxKey = "Bank:SeedSandbox";

    public static bool IsRequested(IReadOnlyList<string> args) => args is [Name, ..];

    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand));
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BankDbContext>();
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("{Database} is up to date", ResourceNames.BankDb);

            if (scope.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>(SeedSandboxKey))
            {
                await SeedAsync(db, logger, cancellationToken);
            }

            return 0;
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "Migrating {Database} failed: {Reason}", ResourceNames.BankDb, ex.Message);
            return 1;
        }
    }

    private static async Task SeedAsync(BankDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        if (await db.Customers.AnyAsync(cancellationToken))
        {
            logger.LogInformation("The sandbox bank is already seeded");
            return;
        }

        var data = SandboxSeed.Generate();
        await db.InTransactionAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            db.Customers.AddRange(data.Customers);
            db.Accounts.AddRange(data.Accounts);
            db.Entries.AddRange(data.Entries);
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        logger.LogInformation("Seeded the sandbox bank: {Customers} customers, {Accounts} accounts, {Entries} entries",
            data.Customers.Count, data.Accounts.Count, data.Entries.Count);
    }
}
