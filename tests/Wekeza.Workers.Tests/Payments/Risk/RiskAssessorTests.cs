using Microsoft.Extensions.Options;
using Wekeza.Workers.Payments.Risk;
using static Wekeza.Workers.Tests.Payments.Risk.RiskSubjects;

namespace Wekeza.Workers.Tests.Payments.Risk;

public sealed class RiskAssessorTests
{
    [Fact]
    public async Task No_findings_approve_with_score_zero()
    {
        var assessment = await AssessAsync([new StubCheck()]);

        Assert.Equal(0, assessment.Score);
        Assert.Empty(assessment.Reasons);
        Assert.True(assessment.Approved);
        Assert.Null(assessment.RejectionDetail);
    }

    [Fact]
    public async Task Scores_from_every_check_add_up_and_every_code_is_a_reason()
    {
        var assessment = await AssessAsync([new StubCheck(Signal("a", 20), Signal("b", 15)), new StubCheck(Signal("c", 30))]);

        Assert.Equal(65, assessment.Score);
        Assert.Equal(["a", "b", "c"], assessment.Reasons);
        Assert.True(assessment.Approved);
    }

    [Fact]
    public async Task The_score_is_capped_at_100()
    {
        var assessment = await AssessAsync([new StubCheck(Signal("a", 50), Signal("b", 50)), new StubCheck(Signal("c", 50))]);

        Assert.Equal(100, assessment.Score);
    }

    [Theory]
    [InlineData(69, null)]
    [InlineData(70, RiskAssessor.ScoreTooHigh)]
    public async Task The_reject_score_rejects_at_and_above_it(int score, string? rejection)
    {
        var assessment = await AssessAsync([new StubCheck(Signal("a", score - 20), Signal("b", 20))]);

        Assert.Equal(rejection, assessment.RejectionCode);
        Assert.Equal(rejection is null, assessment.Approved);
    }

    [Fact]
    public async Task A_configured_reject_score_applies()
    {
        var assessment = await AssessAsync([new StubCheck(Signal("velocity_high", 40))], new RiskRulesOptions { RejectScore = 40 });

        Assert.Equal(RiskAssessor.ScoreTooHigh, assessment.RejectionCode);
        // The app is not told which rules scored.
        Assert.DoesNotContain("velocity", assessment.RejectionDetail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_first_blocking_finding_is_the_reason_whatever_the_score()
    {
        var assessment = await AssessAsync([
            new StubCheck(Signal("night", 90)),
            new StubCheck(new RiskFinding("first_block", 0, true, "First.")),
            new StubCheck(new RiskFinding("second_block", 100, true, "Second."))]);

        Assert.Equal(("first_block", "First."), (assessment.RejectionCode, assessment.RejectionDetail));
        Assert.Equal(100, assessment.Score);
        Assert.Equal(["night", "first_block", "second_block"], assessment.Reasons);
    }

    [Fact]
    public async Task A_blocking_finding_rejects_a_low_score()
    {
        var assessment = await AssessAsync([new StubCheck(new RiskFinding("blocked", 0, true, "No."))]);

        Assert.False(assessment.Approved);
        Assert.Equal(0, assessment.Score);
    }

    private static Task<RiskAssessment> AssessAsync(IPaymentRiskCheck[] checks, RiskRulesOptions? options = null) =>
        new RiskAssessor(checks, Options.Create(options ?? new RiskRulesOptions()))
            .AssessAsync(Payment(), new FakePaymentHistory(), TestContext.Current.CancellationToken);

    private static RiskFinding Signal(string code, int score) => new(code, score, false, code);

    private sealed class StubCheck(params RiskFinding[] findings) : IPaymentRiskCheck
    {
        public Task<IReadOnlyList<RiskFinding>> CheckAsync(RiskSubject payment, IPaymentHistory history, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<RiskFinding>>(findings);
    }
}
