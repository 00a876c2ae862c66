namespace Wekeza.Workers.Payments.Switch;

/// <summary>The switch's answer: the money reached the receiving institution, or it was refused and never left.</summary>
public abstract record SwitchOutcome
{
    private SwitchOutcome()
    {
    }

    public sealed record Settled(string SwitchReference) : SwitchOutcome;

    /// <summary><see cref="ReasonCode"/> is stable (docs/errors.md, "Payment reason codes") and is shown to the app.</summary>
    public sealed record Refused(string ReasonCode, string Detail) : SwitchOutcome;
}
