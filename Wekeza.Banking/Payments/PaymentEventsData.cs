using Wekeza.Payments;

namespace Wekeza.Banking.Payments;

/// <summary>The payload of a payment's events, built one way by whoever changes the payment.</summary>
public static class PaymentEventsData
{
    public static PaymentEventData Of(Payment payment) => new(
        payment.Id, payment.ClientId, payment.ConsentId, payment.Status, payment.ReasonCode,
        Currencies.Format(payment.Initiation.Amount, payment.Initiation.Currency), payment.Initiation.Currency, payment.DebtorAccountId,
        payment.Initiation.CreditorName, payment.Initiation.Reference, payment.StatusUpdatedAt);
}
