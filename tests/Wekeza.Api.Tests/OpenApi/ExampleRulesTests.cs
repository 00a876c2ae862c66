using Wekeza.Api.Features.Consents;
using Wekeza.Api.Features.Payments;
using Wekeza.Api.Features.Sandbox;
using Wekeza.Api.Features.Webhooks;
using Wekeza.Api.OpenApi.Examples;
using Wekeza.Webhooks;

namespace Wekeza.Api.Tests.OpenApi;

/// <summary>
/// The request examples are requests the API accepts: a developer can send them as they are (at the examples' time), and
/// the payment repeats its consent exactly, as the API demands.
/// </summary>
public sealed class ExampleRulesTests
{
    private static T Request<T>(string operation) => Assert.IsType<T>(ApiExamples.ByOperation[operation].Request);

    [Fact]
    public void The_consent_example_keeps_the_consent_rules()
    {
        Assert.Empty(ConsentRules.Check(Request<CreateConsentRequest>("CreateConsent"), ExampleValues.ConsentCreatedAt));
    }

    [Fact]
    public void The_payment_examples_keep_the_payment_rules_and_the_payment_repeats_its_consent()
    {
        var consent = Request<CreatePaymentConsentRequest>("CreatePaymentConsent");
        var payment = Request<CreatePaymentRequest>("CreatePayment");
        var errors = new Dictionary<string, string[]>();

        var consented = PaymentRules.Read(consent.Initiation, new PaymentLimits(), errors);
        var paid = PaymentRules.Read(payment.Initiation, new PaymentLimits(), errors);

        Assert.Empty(errors);
        Assert.Empty(PaymentRules.CheckExpiry(consent.ExpiresAt, ExampleValues.PaymentConsentCreatedAt));
        Assert.NotNull(consented);
        Assert.Equal(consented, paid);
        Assert.Equal(ExampleValues.Invoice, consented);
        Assert.True(ConsentIds.IsPaymentConsent(payment.ConsentId!));
    }

    [Fact]
    public void The_webhook_endpoint_examples_keep_the_endpoint_rules()
    {
        var create = Request<CreateWebhookEndpointRequest>("CreateWebhookEndpoint");
        var update = Request<UpdateWebhookEndpointRequest>("UpdateWebhookEndpoint");
        var errors = new Dictionary<string, string[]>();

        Assert.NotNull(WebhookRules.CheckEventTypes(create.EventTypes, errors));
        Assert.NotNull(WebhookRules.CheckEventTypes(update.EventTypes, errors));
        WebhookRules.CheckDescription(create.Description, errors);
        Assert.NotNull(WebhookRules.CheckOverlap(Request<RotateWebhookSecretRequest>("RotateWebhookSecret").OverlapHours, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void The_sandbox_examples_ask_for_what_the_controls_allow()
    {
        Assert.InRange(Request<AdvanceClockRequest>("AdvanceSandboxClock").Seconds!.Value, 1, SandboxClockApi.MaximumStepSeconds);
        Assert.True(WebhookEventTypes.IsPublic(Request<FireWebhookRequest>("FireSandboxWebhook").Type!));
        Assert.Contains(Request<PaymentOutcomeRequest>("SetSandboxPaymentOutcome").Status, new[] { "Completed", "Failed", "Rejected" });
        Assert.Equal("1500.00", Request<IncomingTransactionRequest>("CreateSandboxIncomingTransaction").Amount!.Value.GetString());
    }
}
