using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;

namespace Wekeza.Banking.CoreBanking;

public static class BankDatabase
{
    /// <summary>bankdb through EF Core (with its readiness check) and the built-in ledger as the core banking system.</summary>
    public static IHostApplicationBuilder AddCoreBanking(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<BankDbContext>(ResourceNames.BankDb);
        builder.Services.AddScoped<Ledger>();
        builder.Services.AddScoped<ICoreBanking>(services => services.GetRequiredService<Ledger>());
        return builder;
    }
}

/// <summary>For <c>dotnet ef</c>: a context without starting the service.</summary>
internal sealed class BankDbContextDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<BankDbContext>
{
    public BankDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BankDbContext>().UseNpgsql("Host=localhost;Database=bankdb").Options);
}
