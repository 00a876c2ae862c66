using Wekeza.Banking.Webhooks;
using Wekeza.Consents;
using Wekeza.Payments;
using Wekeza.Webhooks;

namespace Wekeza.Api.OpenApi;

/// <summary>
/// One example body per webhook event type, written by the same <see cref="WebhookEnvelope"/> the workers deliver
/// with, so the document shows the bytes a receiver gets. docs/webhooks.md shows the same examples, and its signature
/// vector signs the <c>payment.completed</c> one.
/// </summary>
internal static class WebhookExamples
{
    public sealed record Example(Type DataType, string Body);

    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset ConsentExpiresAt = new(2027, 5, 31, 0, 0, 0, TimeSpan.Zero);
    private const string AccountConsent = "cns_01a20cc8f0d27e3a8b4c5d6e7f809a1b";
    private const string EndpointId = "we_01a20cc1d2e37f4a8b5c6d7e8f9a0b1c";
    private static readonly string[] ReadEverything = ["ReadAccounts", "ReadBalances", "ReadTransactions"];

    public static IReadOnlyDictionary<string, Example> ByType { get; } = new Dictionary<string, Example>(StringComparer.Ordinal)
    {
        [PaymentEvents.TransactionPosted] = Write("evt_01a20cd1a2c47d8e9f0a1b2c3d4e5f60", PaymentEvents.TransactionPosted, "acc_000101", 42,
            new TransactionPostedWebhookData("acc_000101", "txn_48213", "1500.00", "KES", "Debit", "23850.00", "Payment to Otieno Traders", "INV-1001", At)),
        [PaymentEvents.Completed] = Payment("evt_01a20cd1a2c57e0f1a2b3c4d5e6f7081", PaymentEvents.Completed,
            new("pmt_01a20cd1a2b37c4d8e9f0a1b2c3d4e5f", "pcn_01a20ccf7e1a7b2c9d3e4f5a6b7c8d9e", PaymentStatuses.Completed, null, "1500.00", "KES",
                "acc_000101", "Otieno Traders", "INV-1001", At)),
        [PaymentEvents.Failed] = Payment("evt_01a20cd1a9e67f1a2b3c4d5e6f708192", PaymentEvents.Failed,
            new("pmt_01a20cd0b4c58d6e7f8091a2b3c4d5e6", "pcn_01a20cce3f4a7b5c6d7e8f9a0b1c2d3e", PaymentStatuses.Failed, "switch_rejected", "2500.00", "KES",
                "acc_000101", "Mama Mboga Stores", "SWITCH-FAIL-INV-77", At)),
        [PaymentEvents.Rejected] = Payment("evt_01a20cd1a2d67f1a2b3c4d5e6f7081a3", PaymentEvents.Rejected,
            new("pmt_01a20cd2c5d69e7f8091a2b3c4d5e6f7", "pcn_01a20cd05a6b7c8d9e0f1a2b3c4d5e6f", PaymentStatuses.Rejected, "insufficient_funds", "95000.00", "KES",
                "acc_000301", "Otieno Traders", "INV-1002", At)),
        [ConsentEvents.Authorised] = Consent("evt_01a20cc9a1b27c3d4e5f6a7b8c9d0e1f", ConsentEvents.Authorised, 1,
            new(AccountConsent, ConsentKinds.AccountAccess, ConsentStatuses.Authorised, ReadEverything, ["acc_000101", "acc_000102"], ConsentExpiresAt)),
        [ConsentEvents.Rejected] = Consent("evt_01a20cc9b3c47d5e6f7a8b9c0d1e2f3a", ConsentEvents.Rejected, 1,
            new("cns_01a20cc96e7f8a9b0c1d2e3f4a5b6c7d", ConsentKinds.AccountAccess, ConsentStatuses.Rejected, ["ReadAccounts", "ReadBalances"], [],
                new DateTimeOffset(2027, 2, 28, 0, 0, 0, TimeSpan.Zero))),
        [ConsentEvents.Revoked] = Consent("evt_01a20ce2c4d57e6f7a8b9c0d1e2f3a4b", ConsentEvents.Revoked, 2,
            new(AccountConsent, ConsentKinds.AccountAccess, ConsentStatuses.Revoked, ReadEverything, ["acc_000101", "acc_000102"], ConsentExpiresAt)),
        [ConsentEvents.Expired] = Consent("evt_01a20cf3d5e67f7a8b9c0d1e2f3a4b5c", ConsentEvents.Expired, 2,
            new("pcn_01a20bf1a7b8c9d0e1f2a3b4c5d6e7f8", ConsentKinds.DomesticPayment, ConsentStatuses.Expired, [], ["acc_000101"],
                new DateTimeOffset(2026, 11, 24, 9, 59, 30, TimeSpan.Zero))),
        [WebhookEventTypes.Test] = Write("evt_01a20cd4e6f77a8b9c0d1e2f3a4b5c6d", WebhookEventTypes.Test, EndpointId, null,
            new TestWebhookData(EndpointId, "A test event from Wekeza. If you can read this, your endpoint receives and can verify webhooks.")),
    };

    // A payment has one public event, its outcome: always the first of its subject.
    private static Example Payment(string id, string type, PaymentWebhookData data) => Write(id, type, data.PaymentId, 1, data);

    private static Example Consent(string id, string type, long sequence, ConsentWebhookData data) => Write(id, type, data.ConsentId, sequence, data);

    private static Example Write<T>(string id, string type, string subject, long? sequence, T data) =>
        new(typeof(T), WebhookEnvelope.Write(id, type, At, subject, sequence, data));
}
