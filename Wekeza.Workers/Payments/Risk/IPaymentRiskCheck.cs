namespace Wekeza.Workers.Payments.Risk;

/// <summary>
/// One rule's verdict. <see cref="Code"/> is stable (docs/errors.md) and is kept with the payment; a blocking finding
/// rejects the payment whatever the score, and its <see cref="Detail"/> is what the app is told.
/// </summary>
public sealed record RiskFinding(string Code, int Score, bool Blocks, string Detail);

/// <summary>
/// A source of risk findings: the built-in <see cref="RulesEngine"/>, or an adapter to an external fraud system
/// registered beside it. Every registered check sees every payment; it returns no findings when it has nothing to say.
/// </summary>
public interface IPaymentRiskCheck
{
    Task<IReadOnlyList<RiskFinding>> CheckAsync(RiskSubject payment, IPaymentHistory history, CancellationToken ct);
}
