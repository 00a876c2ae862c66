using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Payments;
using Wekeza.ServiceDefaults.Sandbox;

namespace Wekeza.Api.OpenApi.Examples;

/// <summary>
/// The one sandbox story every example tells, so they agree with each other, with the webhook examples
/// (<see cref="WebhookExamples"/>: the same consents, payment and endpoint) and with docs/sandbox.md: the app Budget
/// Buddy reads Amina Wanjiru's accounts, then she pays Brian Otieno's business KES 1,500.00 for invoice INV-1001
/// from her Everyday account.
/// </summary>
internal static class ExampleValues
{
    /// <summary>Where absolute links in the examples' lists point: an example host, not a real one.</summary>
    public const string ApiBase = "https://api.sandbox.wekeza.example";

    public const string ClientId = "sbx_5f0e7d9c3b2a41869d7e6f5a4b3c2d1e";
    public const string AppName = "Budget Buddy";
    public const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    public const string InteractionId = "93bac548-d2de-4546-b106-880a5018460d";

    public static TestCustomers.Persona Amina { get; } = TestCustomers.All[0];

    public const string AccountConsentId = "cns_01a20cc8f0d27e3a8b4c5d6e7f809a1b";
    public const string PaymentConsentId = "pcn_01a20ccf7e1a7b2c9d3e4f5a6b7c8d9e";
    public const string PaymentId = "pmt_01a20cd1a2b37c4d8e9f0a1b2c3d4e5f";

    /// <summary>A payment to another bank held at the switch (reference SWITCH-PENDING…), for the outcome control.</summary>
    public const string HeldPaymentId = "pmt_01a20cd0b4c58d6e7f8091a2b3c4d5e6";

    public const string EndpointId = "we_01a20cc1d2e37f4a8b5c6d7e8f9a0b1c";
    public const string DeliveryId = "dlv_01a20cd1a2c67e0f1a2b3c4d5e6f7081";
    public const string EndpointUrl = "http://localhost:8080/webhooks/wekeza";

    /// <summary>docs/webhooks.md's test vector: a secret shown once, at creation.</summary>
    public const string Secret = "whsec_CpXJqWqTZjo0DmKRfIJghcY5u7imv7VU3270LpUCPrc=";

    public const string RotatedSecret = "whsec_9JtqHk0fBv2Wl1xQm8sYc3RzP5aNdE7uGoKiTjLhVw4=";
    public const string IdempotencyKey = "5f1c2d3e-8a9b-4c7d-9e0f-1a2b3c4d5e6f";

    // Nairobi mid-morning (UTC): the account consent first, then the payment, which completes at WebhookExamples' time.
    public static readonly DateTimeOffset ConsentCreatedAt = new(2026, 11, 24, 9, 40, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ConsentAuthorisedAt = new(2026, 11, 24, 9, 41, 30, TimeSpan.Zero);
    public static readonly DateTimeOffset ConsentExpiresAt = new(2027, 5, 31, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset TransactionsFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset TransactionsTo = new(2026, 10, 31, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset PaymentConsentCreatedAt = new(2026, 11, 24, 9, 58, 12, TimeSpan.Zero);
    public static readonly DateTimeOffset PaymentConsentAuthorisedAt = new(2026, 11, 24, 9, 59, 3, TimeSpan.Zero);
    public static readonly DateTimeOffset PaymentSubmittedAt = new(2026, 11, 24, 9, 59, 59, 871, TimeSpan.Zero);
    public static readonly DateTimeOffset PaymentCompletedAt = new(2026, 11, 24, 10, 0, 0, 123, TimeSpan.Zero);
    public static readonly DateTimeOffset EndpointCreatedAt = new(2026, 11, 20, 8, 15, 0, TimeSpan.Zero);

    /// <summary>Amina's accounts as the sandbox seeds them (docs/sandbox.md, "Test customers"), at the end of the seeded year.</summary>
    public static Account Everyday { get; } = new()
    {
        Id = "acc_000101", CustomerId = "cus_0001", Kind = AccountKinds.Current, Currency = "KES", Name = "Everyday account",
        Number = "010000010001", OpenedAt = new(2025, 5, 1, 0, 0, 0, TimeSpan.Zero), BookedBalance = 1_095_607.26m,
    };

    public static Account EmergencyFund { get; } = new()
    {
        Id = "acc_000102", CustomerId = "cus_0001", Kind = AccountKinds.Savings, Currency = "KES", Name = "Emergency fund",
        Number = "010000010002", OpenedAt = new(2025, 5, 1, 0, 0, 0, TimeSpan.Zero), BookedBalance = 300_000.00m,
    };

    /// <summary>What Amina's payment consent allows and her payment repeats: docs/api-guide.md's INITIATION.</summary>
    public static PaymentInitiation Invoice { get; } = new()
    {
        Amount = 1_500.00m, Currency = "KES", CreditorScheme = CreditorSchemes.WekezaAccount, CreditorIdentification = "010000020001",
        CreditorName = "Otieno Traders", Reference = "INV-1001",
    };

    public static string Link(string pathAndQuery) => ApiBase + pathAndQuery;

    /// <summary>The values of the route parameters in the examples, for the problem's <c>instance</c>.</summary>
    public static IReadOnlyDictionary<string, string> RouteValues { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["clientId"] = ClientId,
        ["accountId"] = Everyday.Id,
        ["consentId"] = AccountConsentId,
        ["paymentId"] = HeldPaymentId,
        ["endpointId"] = EndpointId,
        ["deliveryId"] = DeliveryId,
        ["key"] = IdempotencyKey,
    };
}
