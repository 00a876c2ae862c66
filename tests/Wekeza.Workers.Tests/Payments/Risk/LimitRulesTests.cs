using System.Globalization;
using Wekeza.Workers.Payments.Risk;
using static Wekeza.Workers.Tests.Payments.Risk.RiskSubjects;

namespace Wekeza.Workers.Tests.Payments.Risk;

public sealed class LimitRulesTests
{
    [Theory]
    [InlineData("KES", 1_000_000)]
    [InlineData("USD", 10_000)]
    public async Task The_per_payment_limit_itself_may_be_paid(string currency, int limit)
    {
        var findings = await CheckAsync(Payment(limit, currency), new FakePaymentHistory { PaidBefore = true });

        Assert.Empty(findings);
    }

    [Theory]
    [InlineData("KES", 1_000_000)]
    [InlineData("USD", 10_000)]
    public async Task A_cent_above_the_per_payment_limit_blocks(string currency, int limit)
    {
        var findings = await CheckAsync(Payment(limit + 0.01m, currency), new FakePaymentHistory { PaidBefore = true });

        var finding = Assert.Single(findings);
        Assert.Equal(RulesEngine.LimitPerPaymentExceeded, finding.Code);
        Assert.True(finding.Blocks);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{currency} {limit:#,0}.00"), finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payments_up_to_the_daily_limit_exactly_pass()
    {
        var findings = await CheckAsync(Payment(500_000m), new FakePaymentHistory { Debited = 1_500_000m, PaidBefore = true });

        Assert.Empty(findings);
    }

    [Fact]
    public async Task A_cent_over_the_daily_limit_blocks()
    {
        var findings = await CheckAsync(Payment(500_000.01m), new FakePaymentHistory { Debited = 1_500_000m, PaidBefore = true });

        var finding = Assert.Single(findings);
        Assert.Equal(RulesEngine.LimitDailyExceeded, finding.Code);
        Assert.True(finding.Blocks);
    }

    [Theory]
    // 12:00 EAT on the 24th: the day began at 21:00Z on the 23rd.
    [InlineData("2026-11-24T09:00:00Z", "2026-11-23T21:00:00Z")]
    // 01:30 EAT on the 25th, although it is still the 24th in UTC.
    [InlineData("2026-11-24T22:30:00Z", "2026-11-24T21:00:00Z")]
    // 23:59 EAT on the 24th.
    [InlineData("2026-11-24T20:59:00Z", "2026-11-23T21:00:00Z")]
    public async Task The_day_is_the_banks_local_day_asked_for_in_utc(string submitted, string midnight)
    {
        var history = new FakePaymentHistory();

        await CheckAsync(Payment(at: DateTimeOffset.Parse(submitted, CultureInfo.InvariantCulture)), history);

        Assert.Equal(DateTimeOffset.Parse(midnight, CultureInfo.InvariantCulture), history.DebitedSince);
        Assert.Equal(TimeSpan.Zero, history.DebitedSince!.Value.Offset);
    }

    [Fact]
    public async Task A_currency_without_configured_limits_is_not_limited()
    {
        var history = new FakePaymentHistory { Debited = 50_000_000m };

        var findings = await CheckAsync(Payment(5_000_000m, "EUR"), history);

        Assert.Empty(findings);
        Assert.Null(history.DebitedSince);
    }
}
