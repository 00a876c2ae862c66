using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Wekeza.Auth.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the service (which needs Redis, keys and
/// every connection string). Adding a migration never connects, so the placeholder connection string is only used
/// when <c>ConnectionStrings__authdb</c> is not set, e.g. by <c>dotnet ef database update</c> against a real server.
/// </summary>
internal sealed class AuthDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AuthDbContext>
{
    public AuthDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable($"ConnectionStrings__{ResourceNames.AuthDb}")
            ?? $"Database={ResourceNames.AuthDb}";
        var options = new DbContextOptionsBuilder<AuthDbContext>()
            .UseNpgsql(connectionString)
            .UseOpenIddict()
            .Options;
        return new AuthDbContext(options);
    }
}
