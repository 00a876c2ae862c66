using System.Globalization;
using Wekeza.Payments;

namespace Wekeza.Banking.Payments;

/// <summary>The payload of a payment's events, built one way by whoever changes the payment.</summary>
public static class PaymentEventsData
{
    public static PaymentEventData Of(Payment payment) => new(
        payment.Id, payment.ClientId, payment.ConsentId, payment.Status, payment.ReasonCode,
        payment.Initiation.Amount.ToString("0.00##", CultureInfo.InvariantCulture), payment.Initiation.Currency, payment.DebtorAccountId,
        payment.Initiation.CreditorName, payment.Initiation.Reference, payment.StatusUpdatedAt);
}
