using Wekeza.Portal.Sandbox;

namespace Wekeza.Portal.Tests.Sandbox;

public sealed class SandboxWordsTests
{
    [Theory]
    [InlineData(0, "0 seconds")]
    [InlineData(1, "1 second")]
    [InlineData(90, "1 minute, 30 seconds")]
    [InlineData(90_000, "1 day, 1 hour")]
    [InlineData(90_061, "1 day, 1 hour")]
    [InlineData(34_560_000, "400 days")]
    public void A_duration_reads_in_its_two_largest_units(long seconds, string words) =>
        Assert.Equal(words, SandboxWords.Duration(seconds));

    [Theory]
    [InlineData(0, "On real time")]
    [InlineData(604_800, "7 days ahead of real time")]
    public void The_offset_says_how_far_ahead_the_clock_is(long seconds, string words) =>
        Assert.Equal(words, SandboxWords.Offset(seconds));

    [Theory]
    [InlineData("98250.00", "KES 98,250.00")]
    [InlineData("12.5", "KES 12.50")]
    [InlineData("-40.00", "KES -40.00")]
    [InlineData("n/a", "KES n/a")]
    public void Amounts_get_their_currency_and_separators(string amount, string words) =>
        Assert.Equal(words, SandboxWords.Money(amount, "KES"));
}
