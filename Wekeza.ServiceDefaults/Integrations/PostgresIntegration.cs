using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// PostgreSQL client wiring by connection name (<c>ConnectionStrings:&lt;name&gt;</c>), with a readiness check,
/// as Aspire.Npgsql and Aspire.Npgsql.EntityFrameworkCore.PostgreSQL do.
/// </summary>
public static class PostgresIntegration
{
    public static IHostApplicationBuilder AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetRequiredConnectionString(connectionName);
        builder.Services.AddDbContext<TContext>(options =>
        {
            options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure());
            configure?.Invoke(options);
        });
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            sp => new DbContextHealthCheck<TContext>(sp.GetRequiredService<IServiceScopeFactory>()),
            HealthStatus.Unhealthy,
            tags: ["ready", "postgres"],
            timeout: TimeSpan.FromSeconds(5)));
        return builder;
    }

    /// <param name="healthCheck">False when an <c>AddNpgsqlDbContext</c> on the same database already reports its health.</param>
    public static IHostApplicationBuilder AddNpgsqlDataSource(this IHostApplicationBuilder builder, string connectionName, bool healthCheck = true)
    {
        var connectionString = builder.Configuration.GetRequiredConnectionString(connectionName);
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        if (!healthCheck)
        {
            return builder;
        }

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            sp => new NpgsqlHealthCheck(sp.GetRequiredService<NpgsqlDataSource>()),
            HealthStatus.Unhealthy,
            tags: ["ready", "postgres"],
            timeout: TimeSpan.FromSeconds(5)));
        return builder;
    }

    public static string GetRequiredConnectionString(this IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Connection string '{name}' is missing. Set ConnectionStrings__{name}, or start the service through Wekeza.AppHost, which sets it.");

    private sealed class DbContextHealthCheck<TContext>(IServiceScopeFactory scopes) : IHealthCheck
        where TContext : DbContext
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, "Cannot connect to the database.");
        }
    }

    private sealed class NpgsqlHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "Cannot reach PostgreSQL.", ex);
            }
        }
    }
}
