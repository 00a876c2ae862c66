namespace Wekeza.Banking.Usage;

/// <summary>
/// One /v1 call as the gateway metered it (table <c>api_calls</c>): written in batches by the API's usage writer,
/// rolled up into <see cref="ApiUsageMinute"/> by the workers, swept after <see cref="UsagePolicy.RawRetention"/>.
/// No path, query, body or person: only the app, the route template and the outcome.
/// </summary>
public sealed class ApiCall
{
    public long Id { get; init; }

    public required string ClientId { get; init; }

    public required string Method { get; init; }

    /// <summary>The route template (<c>/v1/accounts/{accountId}</c>), never the raw path.</summary>
    public required string Route { get; init; }

    public int Status { get; init; }

    public double DurationMs { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The rate-limit tier the call ran under (Sandbox, Production, Internal): the app's environment.</summary>
    public required string Tier { get; init; }

    /// <summary>Set by the rollup that counted it, in the same transaction as the counts.</summary>
    public bool RolledUp { get; init; }
}

/// <summary>Per app, method and route, status and minute (table <c>api_usage_minutes</c>): what the usage API reads.</summary>
public sealed class ApiUsageMinute
{
    public required string ClientId { get; init; }

    public required string Method { get; init; }

    public required string Route { get; init; }

    public int Status { get; init; }

    public DateTimeOffset Minute { get; init; }

    public long Calls { get; init; }

    public double TotalDurationMs { get; init; }

    public double MaxDurationMs { get; init; }

    /// <summary>Calls per latency bucket, bounds in <see cref="LatencyBuckets.UpperBoundsMs"/>; merged by adding.</summary>
    public long[] Buckets { get; init; } = [];
}
