using Wekeza.Workers.Payments.Risk;
using static Wekeza.Workers.Tests.Payments.Risk.RiskSubjects;

namespace Wekeza.Workers.Tests.Payments.Risk;

public sealed class BlockedCreditorTests
{
    [Theory]
    [InlineData("019999990001")]
    [InlineData("254700000999")]
    [InlineData(" 254700000999\t")]
    public async Task The_sandbox_fixtures_are_blocked(string creditor)
    {
        var finding = Assert.Single(await CheckAsync(Payment(creditor: creditor)));

        Assert.Equal((RulesEngine.CreditorBlocked, true), (finding.Code, finding.Blocks));
    }

    [Theory]
    [InlineData("01-ACCT-XYZ")]
    [InlineData("01-acct-xyz")]
    [InlineData("  01-Acct-Xyz  ")]
    public async Task Matching_ignores_case_and_surrounding_whitespace_on_both_sides(string creditor)
    {
        var options = new RiskRulesOptions { BlockedCreditors = [" 01-acct-XYZ "] };

        var findings = await CheckAsync(Payment(creditor: creditor), options: options);

        Assert.Equal([RulesEngine.CreditorBlocked], findings.Codes());
    }

    [Fact]
    public async Task A_near_miss_is_not_blocked()
    {
        Assert.Empty(await CheckAsync(Payment(creditor: "254700000998")));
    }

    [Fact]
    public async Task Every_rule_still_runs_after_a_block_so_the_payment_records_all_of_them()
    {
        var findings = await CheckAsync(Payment(1_500_000m, creditor: "019999990001"), new FakePaymentHistory { Count = 12 });

        Assert.Equal(
            [RulesEngine.CreditorBlocked, RulesEngine.LimitPerPaymentExceeded, RulesEngine.VelocityHigh, RulesEngine.NewCreditorLargeAmount],
            findings.Codes());
    }
}
