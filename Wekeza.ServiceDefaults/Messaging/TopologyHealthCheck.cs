using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Wekeza.ServiceDefaults.Messaging;

/// <summary>A service that publishes or consumes is ready only once its exchanges and queue exist.</summary>
internal sealed class TopologyHealthCheck(MessagingTopology topology) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(topology.IsDeclared
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "The messaging topology is not declared yet."));
}
