using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using Wekeza.ServiceDefaults.Messaging;

namespace Microsoft.Extensions.Hosting;

/// <summary>RabbitMQ client wiring by connection name (an amqp:// URI), with a readiness check, as Aspire.RabbitMQ.Client does.</summary>
public static class RabbitMQIntegration
{
    public static IHostApplicationBuilder AddRabbitMQClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var uri = new Uri(builder.Configuration.GetRequiredConnectionString(connectionName));
        builder.Services.AddSingleton(sp => new RabbitMQConnection(
            new ConnectionFactory
            {
                Uri = uri,
                ClientProvidedName = builder.Environment.ApplicationName,
                AutomaticRecoveryEnabled = true,
                TopologyRecoveryEnabled = true,
                NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
            },
            sp.GetRequiredService<ILogger<RabbitMQConnection>>()));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            sp => new RabbitMQHealthCheck(sp.GetRequiredService<RabbitMQConnection>()),
            HealthStatus.Unhealthy,
            tags: ["ready", "rabbitmq"],
            timeout: TimeSpan.FromSeconds(5)));
        return builder;
    }

    private sealed class RabbitMQHealthCheck(RabbitMQConnection connection) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var open = await connection.GetAsync(cancellationToken);
                return open.IsOpen
                    ? HealthCheckResult.Healthy()
                    : new HealthCheckResult(context.Registration.FailureStatus, "The RabbitMQ connection is closed; recovery is under way.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "Cannot reach RabbitMQ.", ex);
            }
        }
    }
}
