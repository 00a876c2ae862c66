namespace Wekeza.Portal.SystemStatus;

/// <summary>What the System status page shows: each service's own health, what Prometheus scrapes, the key figures and the alerts.</summary>
/// <param name="PrometheusError">Why Prometheus could not be asked (then targets, figures and alerts are empty); null when it answered.</param>
public sealed record SystemStatusReport(
    DateTimeOffset ReadAt,
    IReadOnlyList<ServiceHealth> Services,
    IReadOnlyList<ScrapeTarget> Targets,
    IReadOnlyList<KeyFigure> Figures,
    IReadOnlyList<ActiveAlert> Alerts,
    string? PrometheusError);

/// <param name="Service">The replica's name (<c>api</c>, <c>api-2</c>, <c>portal</c>).</param>
/// <param name="Status">Healthy, Degraded or Unhealthy as the service says, or Unreachable when it did not answer.</param>
/// <param name="Checks">The service's checks that are not healthy, each with its status and description.</param>
public sealed record ServiceHealth(string Service, string Address, string Status, IReadOnlyList<HealthCheckEntry> Checks);

public sealed record HealthCheckEntry(string Name, string Status, string? Description);

public sealed record ScrapeTarget(string Job, string Instance, bool Up, DateTimeOffset? LastScrape, string? LastError);

/// <param name="Value">Formatted for reading ("12.5 req/s", "0.3 %", "180 ms"), or "no data".</param>
public sealed record KeyFigure(string Title, string Value, string Query);

/// <param name="State">pending (the condition holds, not yet for the rule's whole duration) or firing.</param>
public sealed record ActiveAlert(string Name, string State, string Severity, string Summary, IReadOnlyDictionary<string, string> Labels, DateTimeOffset? ActiveAt);
