using Wekeza.Workers.Payments.Risk;

namespace Wekeza.Workers.Tests.Payments.Risk;

internal static class RiskSubjects
{
    /// <summary>12:00 East Africa Time: no night-hour finding unless a test asks for one.</summary>
    public static readonly DateTimeOffset Noon = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static RiskSubject Payment(decimal amount = 1_000m, string currency = "KES", string creditor = "254711111111", DateTimeOffset? at = null,
        string clientId = "sbx_app", string reference = "Invoice 7") =>
        new("pmt_1", clientId, "customer-1", "acc_1", amount, currency, "KE.MobileMoney", creditor, reference, at ?? Noon);

    public static async Task<IReadOnlyList<RiskFinding>> CheckAsync(RiskSubject payment, IPaymentHistory? history = null, RiskRulesOptions? options = null) =>
        await new RulesEngine(Microsoft.Extensions.Options.Options.Create(options ?? new RiskRulesOptions()))
            .CheckAsync(payment, history ?? new FakePaymentHistory(), TestContext.Current.CancellationToken);

    public static string[] Codes(this IEnumerable<RiskFinding> findings) => [.. findings.Select(f => f.Code)];
}
