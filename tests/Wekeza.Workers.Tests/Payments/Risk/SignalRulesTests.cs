using System.Globalization;
using Wekeza.Workers.Payments.Risk;
using static Wekeza.Workers.Tests.Payments.Risk.RiskSubjects;

namespace Wekeza.Workers.Tests.Payments.Risk;

/// <summary>The rules that score rather than block: velocity, a large first payment to a creditor, the night.</summary>
public sealed class SignalRulesTests
{
    [Fact]
    public async Task One_payment_fewer_than_the_velocity_threshold_is_not_suspicious()
    {
        var findings = await CheckAsync(Payment(), new FakePaymentHistory { Count = 9 });

        Assert.Empty(findings);
    }

    [Fact]
    public async Task The_velocity_threshold_within_the_window_scores_30()
    {
        var history = new FakePaymentHistory { Count = 10 };

        var findings = await CheckAsync(Payment(), history);

        var finding = Assert.Single(findings);
        Assert.Equal((RulesEngine.VelocityHigh, 30, false), (finding.Code, finding.Score, finding.Blocks));
        Assert.Equal(Noon.AddMinutes(-10), history.CountedSince);
    }

    [Fact]
    public async Task Just_under_the_large_amount_a_new_creditor_is_not_even_looked_up()
    {
        var history = new FakePaymentHistory();

        var findings = await CheckAsync(Payment(99_999.99m), history);

        Assert.Empty(findings);
        Assert.Equal(0, history.PaidBeforeAsked);
    }

    [Theory]
    [InlineData("KES", 100_000)]
    [InlineData("USD", 1_000)]
    public async Task The_large_amount_to_a_new_creditor_scores_50(string currency, int threshold)
    {
        var findings = await CheckAsync(Payment(threshold, currency), new FakePaymentHistory { PaidBefore = false });

        var finding = Assert.Single(findings);
        Assert.Equal((RulesEngine.NewCreditorLargeAmount, 50, false), (finding.Code, finding.Score, finding.Blocks));
    }

    [Fact]
    public async Task The_large_amount_to_a_creditor_paid_before_is_not_suspicious()
    {
        var findings = await CheckAsync(Payment(100_000m), new FakePaymentHistory { PaidBefore = true });

        Assert.Empty(findings);
    }

    [Theory]
    [InlineData("2026-11-24T21:00:00Z", true)]  // 00:00 EAT
    [InlineData("2026-11-24T23:30:00Z", true)]  // 02:30 EAT
    [InlineData("2026-11-25T01:59:59Z", true)]  // 04:59 EAT
    [InlineData("2026-11-25T02:00:00Z", false)] // 05:00 EAT
    [InlineData("2026-11-24T06:00:00Z", false)] // 09:00 EAT
    [InlineData("2026-11-24T20:59:59Z", false)] // 23:59 EAT
    public async Task The_night_is_judged_in_east_africa_time(string submitted, bool unusual)
    {
        var findings = await CheckAsync(Payment(at: DateTimeOffset.Parse(submitted, CultureInfo.InvariantCulture)));

        Assert.Equal(unusual, findings.Codes().Contains(RulesEngine.UnusualHour));
        Assert.All(findings, f => Assert.Equal(20, f.Score));
    }

    [Theory]
    [InlineData(21, true)]  // 22:00 local at +01:00
    [InlineData(3, true)]   // 04:00 local
    [InlineData(20, false)] // 21:00 local
    [InlineData(4, false)]  // 05:00 local
    public async Task A_night_that_starts_before_midnight_wraps(int utcHour, bool unusual)
    {
        var options = new RiskRulesOptions { UnusualHoursStart = 22, UnusualHoursEnd = 5, LocalUtcOffset = TimeSpan.FromHours(1) };

        var findings = await CheckAsync(Payment(at: new DateTimeOffset(2026, 11, 24, utcHour, 0, 0, TimeSpan.Zero)), options: options);

        Assert.Equal(unusual, findings.Codes().Contains(RulesEngine.UnusualHour));
    }
}
