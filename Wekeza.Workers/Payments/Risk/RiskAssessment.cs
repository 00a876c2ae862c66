namespace Wekeza.Workers.Payments.Risk;

/// <summary>The checks' combined verdict: a score of 0–100, the codes of every finding, and why it was rejected, if it was.</summary>
public sealed record RiskAssessment(int Score, IReadOnlyList<string> Reasons, string? RejectionCode, string? RejectionDetail)
{
    public bool Approved => RejectionCode is null;
}
