namespace Wekeza.Banking.Usage;

/// <summary>
/// How long usage is kept and how often the workers roll it up (section <c>Usage</c>; docs/architecture.md,
/// "Metering"). Raw call records are only the input of the rollups, so they go soon; the minute rollups are what
/// the portal's charts and the readiness report read, for 30 days.
/// </summary>
public sealed class UsagePolicy
{
    public const string Section = "Usage";

    public TimeSpan RollupInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Raw rows claimed per rollup transaction.</summary>
    public int RollupBatch { get; set; } = 5000;

    public TimeSpan RawRetention { get; set; } = TimeSpan.FromDays(2);

    public TimeSpan MinuteRetention { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
