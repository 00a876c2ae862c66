using Wekeza.Banking.CoreBanking;
using Microsoft.EntityFrameworkCore;

namespace Wekeza.Api;

/// <summary>
/// <c>Wekeza.Api migrate</c>: the one-shot step the AppHost runs before the API starts: bankdb's migrations, then (when
/// <c>Bank:SeedSandbox</c> is true) the sandbox's customers, accounts and history, adding to an existing bank what it lacks.
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

    /// <summary>
    /// Adds whatever of the sandbox seed the bank lacks (every persona on a fresh bank; a persona or account added to the
    /// seed since, on an existing one), with its history, in one transaction. Safe to run again: it finds nothing to add.
    /// </summary>
    private static async Task SeedAsync(BankDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var addition = await db.InTransactionAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            // Two seeders at once (a retried step, a second replica): the second waits here, then finds the first's rows.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('wekeza.sandbox-seed'))", ct);

            var seed = SandboxSeed.Generate();
            var customerIds = seed.Customers.Select(c => c.Id).ToArray();
            var accountIds = seed.Accounts.Select(a => a.Id).ToArray();
            var present = await db.Customers.Where(c => customerIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
            // A bank seeded after the sandbox migration but before the seed marked its customers has them unmarked.
            await db.Customers.Where(c => customerIds.Contains(c.Id) && !c.Sandbox).ExecuteUpdateAsync(set => set.SetProperty(c => c.Sandbox, true), ct);
            // Locked as the ledger locks them (by id, FOR UPDATE), so a payment booking on a clearing account meanwhile
            // cannot be lost between reading its balance here and writing the new one.
            var accounts = await new Ledger(db).LockAsync(accountIds, ct);

            var addition = SandboxSeed.Missing(present.ToHashSet(StringComparer.Ordinal),
                accounts.ToDictionary(pair => pair.Key, pair => pair.Value.BookedBalance, StringComparer.Ordinal));
            if (addition.IsEmpty)
            {
                return addition;
            }

            foreach (var (accountId, balance) in addition.Balances)
            {
                accounts[accountId].BookedBalance = balance;
            }

            db.Customers.AddRange(addition.Customers);
            db.Accounts.AddRange(addition.Accounts);
            db.Entries.AddRange(addition.Entries);
            await db.SaveChangesAsync(ct);
            return addition;
        }, cancellationToken);

        if (addition.IsEmpty)
        {
            logger.LogInformation("The sandbox bank is already seeded");
            return;
        }

        logger.LogInformation("Seeded the sandbox bank: {Customers} customers, {Accounts} accounts, {Entries} entries added",
            addition.Customers.Count, addition.Accounts.Count, addition.Entries.Count);
    }
}
