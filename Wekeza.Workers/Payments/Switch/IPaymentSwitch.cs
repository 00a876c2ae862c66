namespace Wekeza.Workers.Payments.Switch;

/// <summary>
/// The national payment switch that settles transfers to other banks and mobile wallets. Implementations must be
/// idempotent by <see cref="SwitchTransfer.PaymentId"/>: asking again about a payment (after a crash or a timeout)
/// returns the first outcome and never moves the money twice. A switch that does not answer is the caller's to time out.
/// </summary>
public interface IPaymentSwitch
{
    Task<SwitchOutcome> SubmitAsync(SwitchTransfer transfer, CancellationToken ct);
}
