namespace Wekeza.Workers.Payments.Switch;

/// <summary>
/// The switch's answer: the money reached the receiving institution, it was refused and never left, or the switch
/// accepted the transfer and will settle it later.
/// </summary>
public abstract record SwitchOutcome
{
    private SwitchOutcome()
    {
    }

    public sealed record Settled(string SwitchReference) : SwitchOutcome;

    /// <summary><see cref="ReasonCode"/> is stable (docs/errors.md, "Payment reason codes") and is shown to the app.</summary>
    public sealed record Refused(string ReasonCode, string Detail) : SwitchOutcome;

    /// <summary>
    /// Accepted for settlement after <see cref="For"/> on the app's sandbox clock (a held settlement, sandbox only):
    /// the payment stays AcceptedSettlementInProcess until the sweeper or the sandbox controls settle it.
    /// </summary>
    public sealed record Held(TimeSpan For) : SwitchOutcome;
}
