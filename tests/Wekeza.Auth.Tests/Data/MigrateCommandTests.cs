using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wekeza.Auth.Data;

namespace Wekeza.Auth.Tests.Data;

public sealed class MigrateCommandTests
{
    [Theory]
    [InlineData(new[] { "migrate" }, true)]
    [InlineData(new[] { "migrate", "--environment", "Production" }, true)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "https://auth.example" }, false)]
    [InlineData(new[] { "--environment", "migrate" }, false)]
    [InlineData(new[] { "Migrate" }, false)]
    public void Only_a_leading_migrate_argument_asks_for_the_one_shot(string[] args, bool expected) =>
        Assert.Equal(expected, MigrateCommand.IsRequested(args));

    [Fact]
    public async Task An_unreachable_database_gives_a_non_zero_exit_code()
    {
        // Port 1 on the loopback refuses at once: no server, no wait.
        await using var services = Services("Host=127.0.0.1;Port=1;Database=authdb;Timeout=2");

        var exitCode = await MigrateCommand.RunAsync(services, TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void The_migrations_match_the_model()
    {
        using var scope = Services("Database=authdb").CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();

        Assert.Contains(db.Database.GetMigrations(), migration => migration.EndsWith("_InitialCreate", StringComparison.Ordinal));
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add.");
    }

    private static ServiceProvider Services(string connectionString) =>
        new ServiceCollection()
            .AddLogging()
            .AddDbContext<AuthDbContext>(options => options.UseNpgsql(connectionString).UseOpenIddict())
            .BuildServiceProvider();
}
