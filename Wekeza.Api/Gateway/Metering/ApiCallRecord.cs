namespace Wekeza.Api.Gateway.Metering;

/// <summary>
/// One metered call, as the gateway hands it to <see cref="UsageBuffer"/>: a struct of references the request already
/// holds (client id claim, route template, method), so recording it allocates nothing.
/// </summary>
internal readonly record struct ApiCallRecord(
    string ClientId, string Method, string Route, int Status, double DurationMs, DateTimeOffset OccurredAt, string Tier);
