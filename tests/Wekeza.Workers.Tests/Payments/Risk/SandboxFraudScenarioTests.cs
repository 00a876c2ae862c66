using Wekeza.Workers.Payments.Risk;
using static Wekeza.Workers.Tests.Payments.Risk.RiskSubjects;

namespace Wekeza.Workers.Tests.Payments.Risk;

public sealed class SandboxFraudScenarioTests
{
    [Theory]
    [InlineData("FRAUD-REJECT")]
    [InlineData("fraud-reject test 3")]
    public async Task A_sandbox_apps_fraud_reject_reference_scores_100_without_blocking(string reference)
    {
        var finding = Assert.Single(await CheckAsync(Payment(clientId: "sbx_app", reference: reference)));

        Assert.Equal((SandboxFraudScenario.Code, 100, false), (finding.Code, finding.Score, finding.Blocks));
    }

    [Theory]
    [InlineData("live_app", "FRAUD-REJECT")]
    [InlineData("sbx_app", "Invoice FRAUD-REJECT")]
    [InlineData("sbx_app", "FRAUD")]
    public async Task Anything_else_says_nothing(string clientId, string reference)
    {
        Assert.Empty(await CheckAsync(Payment(clientId: clientId, reference: reference)));
    }

    private static Task<IReadOnlyList<RiskFinding>> CheckAsync(RiskSubject payment) =>
        new SandboxFraudScenario().CheckAsync(payment, new FakePaymentHistory(), TestContext.Current.CancellationToken);
}
