namespace Wekeza.ServiceDefaults;

/// <summary>The sandbox's controls and scenarios.</summary>
public static partial class ProblemCatalog
{
    public static readonly ProblemType SandboxOnly = new("sandbox_only", 403, "Sandbox controls are for sandbox apps", false);
    public static readonly ProblemType SandboxScenarioNotAllowed = new("sandbox_scenario_not_allowed", 400, "Sandbox scenarios are for sandbox apps", false);
    public static readonly ProblemType SandboxScenarioUnknown = new("sandbox_scenario_unknown", 400, "Unknown sandbox scenario", false);
    public static readonly ProblemType AccountNotActive = new("account_not_active", 409, "The account takes no transactions", false);
    public static readonly ProblemType SandboxPaymentTransitionInvalid = new("sandbox_payment_transition_invalid", 409, "The payment cannot move that way", false);
    public static readonly ProblemType SandboxPaymentsInFlight = new("sandbox_payments_in_flight", 409, "Payments are still in process", true);
    public static readonly ProblemType SandboxResetWouldOverdraw = new("sandbox_reset_would_overdraw", 409, "The reset would overdraw an account", false);
}
