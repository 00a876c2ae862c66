using System.Text.Json;
using Wekeza.Api.Features.Payments;
using Wekeza.Banking.Payments;
using Wekeza.Consents;
using Wekeza.Payments;
using static Wekeza.Api.OpenApi.Examples.ExampleValues;

namespace Wekeza.Api.OpenApi.Examples;

/// <summary>Amina's payment to Otieno Traders: the consent Budget Buddy asks for, the payment under it, and what happened to it.</summary>
internal static class PaymentExamples
{
    private static readonly InitiationRequest Initiation = new(
        new InstructedAmountRequest(Amount(Currencies.Format(Invoice.Amount, Invoice.Currency)), Invoice.Currency),
        new CreditorAccountRequest(Invoice.CreditorScheme, Invoice.CreditorIdentification), Invoice.CreditorName, Invoice.Reference, null);

    private static readonly CreatePaymentRequest Payment = new(PaymentConsentId, Initiation);

    private static readonly InitiationView Shown = InitiationView.From(Invoice);

    private static readonly PaymentLinks Links = new($"/v1/payments/{PaymentId}", $"/v1/payments/{PaymentId}/status");

    private static readonly PaymentResponse Accepted = new(PaymentId, PaymentConsentId, PaymentStatuses.Pending, null, null, Everyday.Id, Shown,
        PaymentSubmittedAt, PaymentSubmittedAt, Links);

    public static IReadOnlyDictionary<string, OperationExample> ByOperation { get; } = new Dictionary<string, OperationExample>(StringComparer.Ordinal)
    {
        ["CreatePaymentConsent"] = new(new CreatePaymentConsentRequest(Initiation, null),
            new PaymentConsentResponse(PaymentConsentId, ConsentStatuses.AwaitingAuthorisation, Shown, null,
                PaymentConsentCreatedAt + PaymentRules.DefaultLifetime, PaymentConsentCreatedAt, PaymentConsentCreatedAt),
            PaymentProblems.Invalid(Broken(Initiation with
            {
                InstructedAmount = new(Amount("1,500.00"), Invoice.Currency),
                CreditorAccount = new(Invoice.CreditorScheme, "0100-0002-0001"),
            }), "The payment consent could not be created").ProblemDetails),
        ["GetPaymentConsent"] = new(null, new PaymentConsentResponse(PaymentConsentId, ConsentStatuses.Authorised, Shown, Everyday.Id,
            PaymentConsentCreatedAt + PaymentRules.DefaultLifetime, PaymentConsentCreatedAt, PaymentConsentAuthorisedAt)),
        ["CreatePayment"] = new(Payment, Accepted,
            PaymentProblems.Invalid(Broken(Initiation with { Reference = "INV#1001" }), "The payment could not be submitted").ProblemDetails),
        ["GetPayment"] = new(null, Accepted with { Status = PaymentStatuses.Completed, StatusUpdatedAt = PaymentCompletedAt }),
        ["GetPaymentStatus"] = new(null, new PaymentStatusResponse(PaymentId, PaymentStatuses.Completed, IsFinal: true, null, null, PaymentCompletedAt,
            [new(PaymentStatuses.Pending, PaymentSubmittedAt, null, null), new(PaymentStatuses.Completed, PaymentCompletedAt, null, null)])),
        ["GetIdempotencyKey"] = new(null, new IdempotencyKeyResponse(IdempotencyKey, "completed", PaymentsEndpoints.SubmitOperation,
            // The hash the API records for the CreatePayment example: resending it with this key replays the 202.
            "sha256:" + Idempotency.Fingerprint(PaymentsEndpoints.SubmitOperation, Payment), StatusCodes.Status202Accepted, PaymentId,
            Links.Self, PaymentSubmittedAt, PaymentSubmittedAt + IdempotencyRecord.Lifetime)),
    };

    /// <summary>An amount as a client sends it: a decimal string (the record holds the JSON value, to read numbers exactly).</summary>
    private static JsonElement Amount(string text) => JsonSerializer.SerializeToElement(text);

    /// <summary>What the API's own rules say about <paramref name="initiation"/>.</summary>
    private static Dictionary<string, string[]> Broken(InitiationRequest initiation)
    {
        var errors = new Dictionary<string, string[]>();
        PaymentRules.Read(initiation, new PaymentLimits(), errors);
        return errors;
    }
}
