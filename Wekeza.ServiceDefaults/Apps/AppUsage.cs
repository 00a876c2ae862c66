namespace Wekeza.ServiceDefaults.Apps;

/// <summary>
/// An app's usage over a range (<c>GET /v1/apps/{clientId}/usage</c> on the API), read from the workers' minute
/// rollups: totals, a point per bucket (the portal's charts) and a row per endpoint and/or status (its table).
/// </summary>
/// <param name="Range"><c>1h</c>, <c>24h</c> or <c>30d</c>.</param>
/// <param name="Bucket">The size of each point of <paramref name="Series"/>: <c>minute</c>, <c>hour</c> or <c>day</c>.</param>
public sealed record UsageReport(
    string ClientId, string Range, string Bucket, DateTimeOffset From, DateTimeOffset To,
    UsageFigures Totals, IReadOnlyList<UsagePoint> Series, IReadOnlyList<UsageGroup> Groups);

/// <param name="Errors">4xx and 5xx answers together (429 included).</param>
/// <param name="ErrorRate">Errors / Calls, 0 without calls.</param>
/// <param name="P50Ms">Median latency in milliseconds, from the merged latency histogram; null without calls.</param>
public sealed record UsageFigures(long Calls, long Errors, long ClientErrors, long ServerErrors, decimal ErrorRate,
    double? AvgMs, double? P50Ms, double? P95Ms, double? MaxMs);

/// <param name="Start">The start of the bucket (UTC).</param>
public sealed record UsagePoint(DateTimeOffset Start, UsageFigures Figures);

/// <summary>A table row: the method and route template, the status, or both, as grouped; null where not grouped.</summary>
public sealed record UsageGroup(string? Method, string? Route, int? Status, UsageFigures Figures);

/// <summary>Every app's totals over a range, busiest first (<c>GET /v1/admin/usage</c> on the API, administrators only).</summary>
public sealed record UsageOverview(string Range, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UsageOverviewApp> Apps);

public sealed record UsageOverviewApp(string ClientId, UsageFigures Figures);
