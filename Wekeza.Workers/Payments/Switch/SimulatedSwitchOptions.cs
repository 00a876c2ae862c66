namespace Wekeza.Workers.Payments.Switch;

/// <summary>The simulated switch's behaviour, section <c>Payments:Switch:Simulator</c>.</summary>
public sealed class SimulatedSwitchOptions
{
    public const string Section = "Payments:Switch:Simulator";

    /// <summary>The least time the switch takes to answer.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Up to this much more, the same for every ask about one payment.</summary>
    public TimeSpan LatencyJitter { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The share of transfers (0–1) the receiving institution refuses.</summary>
    public double FailureRate { get; set; }

    /// <summary>The share of transfers (0–1) the switch never answers.</summary>
    public double TimeoutRate { get; set; }

    /// <summary>How long, on the app's sandbox clock, a <c>SWITCH-PENDING…</c> transfer is held before it settles.</summary>
    public TimeSpan HeldSettlement { get; set; } = TimeSpan.FromDays(1);
}
