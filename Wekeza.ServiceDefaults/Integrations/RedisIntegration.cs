using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>Redis client wiring by connection name, with a readiness check, as Aspire.StackExchange.Redis does.</summary>
public static class RedisIntegration
{
    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var options = ConfigurationOptions.Parse(builder.Configuration.GetRequiredConnectionString(connectionName));
        // Start even while Redis is down, and reconnect by itself: readiness reports the outage meanwhile.
        options.AbortOnConnectFail = false;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            sp => new RedisHealthCheck(sp.GetRequiredService<IConnectionMultiplexer>()),
            HealthStatus.Unhealthy,
            tags: ["ready", "redis"],
            timeout: TimeSpan.FromSeconds(5)));
        return builder;
    }

    /// <summary>
    /// Data Protection keys in Redis, so cookies and anti-forgery tokens survive restarts and work on every replica.
    /// Call after <see cref="AddRedisClient"/>.
    /// </summary>
    public static IHostApplicationBuilder AddRedisDataProtection(this IHostApplicationBuilder builder, string applicationName)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(applicationName);
        // The key ring sits in Redis; encrypted with a certificate, a copy of Redis alone decrypts nothing (cookies,
        // antiforgery tokens, the portal's stored session tokens). Previous certificates still decrypt older keys.
        if (Wekeza.ServiceDefaults.Integrations.DataProtectionCertificates.Load(builder.Configuration) is { } certificates)
        {
            dataProtection.ProtectKeysWithCertificate(certificates.Current)
                .UnprotectKeysWithAnyCertificate([certificates.Current, .. certificates.Previous]);
        }

        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer>((options, redis) => options.XmlRepository =
                new RedisXmlRepository(() => redis.GetDatabase(), $"wekeza:data-protection:{applicationName}"));
        return builder;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "Cannot reach Redis.", ex);
            }
        }
    }
}
