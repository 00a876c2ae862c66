using Wekeza.Workers.Payments.Sandbox;

namespace Wekeza.Workers.Payments.Risk;

/// <summary>
/// The sandbox's fraud scenario: a sandbox app's payment whose reference starts <c>FRAUD-REJECT</c> scores 100, so
/// the assessor rejects it as <see cref="RiskAssessor.ScoreTooHigh"/> exactly as a real high score would be, and an
/// app can rehearse that answer. Says nothing about a production app's payment, whatever its reference.
/// </summary>
public sealed class SandboxFraudScenario : IPaymentRiskCheck
{
    public const string Code = "sandbox_fraud_scenario";

    private static readonly IReadOnlyList<RiskFinding> Finding =
        [new RiskFinding(Code, 100, false, "The sandbox's fraud scenario (reference FRAUD-REJECT…).")];

    public Task<IReadOnlyList<RiskFinding>> CheckAsync(RiskSubject payment, IPaymentHistory history, CancellationToken ct) =>
        Task.FromResult(MagicReferences.Applies(payment.ClientId, payment.Reference, MagicReferences.FraudReject) ? Finding : []);
}
