using Wekeza.Webhooks;

namespace Wekeza.Workers.Payments.Sandbox;

/// <summary>
/// The payment references with which a sandbox app forces an outcome (docs/sandbox.md, "Payments"): a reference that
/// starts with one of these, in any case. Only for sandbox apps: a production app's <c>SWITCH-FAIL-1</c> is just a
/// reference, or anyone could make a real payment fail (or dodge a real risk check's verdict) by naming it.
/// </summary>
public static class MagicReferences
{
    public const string SwitchFail = "SWITCH-FAIL";
    public const string SwitchTimeout = "SWITCH-TIMEOUT";
    public const string SwitchSlow = "SWITCH-SLOW";
    public const string SwitchPending = "SWITCH-PENDING";
    public const string FraudReject = "FRAUD-REJECT";
    public const string InsufficientFunds = "INSUFFICIENT-FUNDS";

    public static bool Applies(bool sandbox, string reference, string magic) =>
        sandbox && reference.StartsWith(magic, StringComparison.OrdinalIgnoreCase);

    public static bool Applies(string clientId, string reference, string magic) =>
        Applies(ClientEnvironments.IsSandbox(clientId), reference, magic);
}
