namespace Wekeza.Workers.Payments.Switch;

/// <summary>A transfer to another institution; <see cref="PaymentId"/> is its end-to-end id, unique per transfer.</summary>
public sealed record SwitchTransfer(
    string PaymentId,
    decimal Amount,
    string Currency,
    string CreditorScheme,
    string CreditorIdentification,
    string CreditorName,
    string Reference);
