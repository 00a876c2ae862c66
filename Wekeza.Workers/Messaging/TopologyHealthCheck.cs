using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Wekeza.Workers.Messaging;

/// <summary>Workers are ready only once their exchanges and queues exist: before that, events would have nowhere to go.</summary>
internal sealed class TopologyHealthCheck(MessagingTopology topology) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(topology.IsDeclared
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "The messaging topology is not declared yet."));
}
