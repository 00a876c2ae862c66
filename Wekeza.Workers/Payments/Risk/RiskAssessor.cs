using Microsoft.Extensions.Options;

namespace Wekeza.Workers.Payments.Risk;

/// <summary>
/// Runs every registered <see cref="IPaymentRiskCheck"/> and combines their findings: the first blocking finding
/// rejects; otherwise the summed score (capped at 100) rejects at <see cref="RiskRulesOptions.RejectScore"/>.
/// </summary>
public sealed class RiskAssessor(IEnumerable<IPaymentRiskCheck> checks, IOptions<RiskRulesOptions> options)
{
    public const string ScoreTooHigh = "risk_score_too_high";

    // Deliberately vague: naming the rules that scored would teach a fraudster which knob to turn down.
    private const string ScoreTooHighDetail = "The payment failed the bank's risk checks.";

    public async Task<RiskAssessment> AssessAsync(RiskSubject payment, IPaymentHistory history, CancellationToken ct)
    {
        var findings = new List<RiskFinding>();
        // One check after another, never in parallel: the history shares the processor's DbContext and transaction.
        foreach (var check in checks)
        {
            findings.AddRange(await check.CheckAsync(payment, history, ct));
        }

        var score = Math.Clamp(findings.Sum(f => f.Score), 0, 100);
        string[] reasons = [.. findings.Select(f => f.Code)];
        if (findings.FirstOrDefault(f => f.Blocks) is { } blocking)
        {
            return new RiskAssessment(score, reasons, blocking.Code, blocking.Detail);
        }

        return score >= options.Value.RejectScore
            ? new RiskAssessment(score, reasons, ScoreTooHigh, ScoreTooHighDetail)
            : new RiskAssessment(score, reasons, null, null);
    }
}
