namespace Wekeza.Workers.Payments.Switch;

/// <summary>A transfer to another institution; <see cref="PaymentId"/> is its end-to-end id, unique per transfer.</summary>
/// <param name="Sandbox">
/// The payment of a sandbox app: a real switch's client would send it to the switch's test environment; the
/// simulator honours magic references only then.
/// </param>
public sealed record SwitchTransfer(
    string PaymentId,
    decimal Amount,
    string Currency,
    string CreditorScheme,
    string CreditorIdentification,
    string CreditorName,
    string Reference,
    bool Sandbox);
