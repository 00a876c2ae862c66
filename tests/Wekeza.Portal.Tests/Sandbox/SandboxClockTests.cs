using Wekeza.Portal.Components.Sandbox;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Sandbox;

namespace Wekeza.Portal.Tests.Sandbox;

public sealed class SandboxClockTests : SandboxTestContext
{
    private const long Day = 86_400;

    [Fact]
    public void Shows_the_apps_sandbox_time_and_how_far_ahead_it_is()
    {
        SandboxApi.Clock = new SandboxClock(FakeSandboxClient.Now.AddSeconds(Day + 3600), Day + 3600);

        var card = RenderCard();

        Assert.Equal(["Clock sbx_3f9c"], SandboxApi.Calls);
        Assert.Equal("25 Nov 2026, 11:00:00 UTC", Text(card, "sandbox-clock-now"));
        Assert.Equal("1 day, 1 hour ahead of real time", Text(card, "sandbox-clock-offset"));
    }

    [Theory]
    [InlineData("sandbox-clock-advance-hour", 3600)]
    [InlineData("sandbox-clock-advance-day", Day)]
    [InlineData("sandbox-clock-advance-week", 7 * Day)]
    [InlineData("sandbox-clock-advance-month", 30 * Day)]
    public void Each_preset_moves_the_clock_by_its_amount(string button, long seconds)
    {
        var card = RenderCard();

        card.Find($"[data-testid={button}]").Click();

        Assert.Equal([seconds], SandboxApi.AdvanceCalls);
    }

    [Fact]
    public void A_move_shows_the_new_time_and_what_fell_due()
    {
        var card = RenderCard();

        card.Find("[data-testid=sandbox-clock-advance-day]").Click();

        Assert.Equal("25 Nov 2026, 10:00:00 UTC", Text(card, "sandbox-clock-now"));
        Assert.Equal("1 day ahead of real time", Text(card, "sandbox-clock-offset"));
        Assert.Contains("Moved forward by 1 day.", Text(card, "sandbox-clock-result"));
        Assert.Equal("1 consent expired", Text(card, "sandbox-clock-consents-expired"));
        Assert.StartsWith("0 held settlements due", Text(card, "sandbox-clock-settlements-due"));
        Assert.Equal("2 webhook retries sent now", Text(card, "sandbox-clock-retries-due"));
    }

    [Fact]
    public void A_custom_amount_is_counted_in_the_chosen_unit()
    {
        var card = RenderCard();

        card.Find("[data-testid=sandbox-clock-custom-amount]").Change("45");
        Choose(card, "sandbox-clock-custom-unit", 60L);
        card.Find("[data-testid=sandbox-clock-advance-custom]").Click();

        Assert.Equal([45 * 60L], SandboxApi.AdvanceCalls);
        Assert.Contains("Moved forward by 45 minutes.", Text(card, "sandbox-clock-result"));
    }

    [Theory]
    [InlineData("", "Enter a whole number greater than 0.")]
    [InlineData("1.5", "Enter a whole number greater than 0.")]
    [InlineData("0", "Enter a whole number greater than 0.")]
    [InlineData("9601", "Move the clock forward by 1 second to 400 days at a time.")]
    public void A_custom_amount_outside_the_apis_range_is_not_sent(string hours, string message)
    {
        var card = RenderCard();

        card.Find("[data-testid=sandbox-clock-custom-amount]").Change(hours);
        card.Find("[data-testid=sandbox-clock-advance-custom]").Click();

        Assert.Equal("true", card.Find("[data-testid=sandbox-clock-custom-amount]").GetAttribute("aria-invalid"));
        Assert.Equal(message, Text(card, "sandbox-clock-seconds-error"));
        Assert.Empty(SandboxApi.AdvanceCalls);
    }

    [Fact]
    public void The_clock_goes_at_most_400_days_ahead_in_all()
    {
        SandboxApi.Clock = new SandboxClock(FakeSandboxClient.Now.AddDays(395), 395 * Day);
        var card = RenderCard();

        card.Find("[data-testid=sandbox-clock-advance-week]").Click();

        Assert.Equal(
            "The sandbox clock is already 395 days ahead; it goes at most 400 days ahead. Reset the sandbox to start again.",
            Text(card, "sandbox-clock-seconds-error"));
        Assert.Empty(SandboxApi.AdvanceCalls);
    }

    [Fact]
    public void The_apis_refusal_of_a_move_is_shown()
    {
        SandboxApi.OnAdvance = _ => FakeSandboxClient.Invalid<SandboxClockAdvanced>("seconds", "The sandbox clock is already 400 days ahead.");
        var card = RenderCard();

        card.Find("[data-testid=sandbox-clock-advance-hour]").Click();

        Assert.Equal("The sandbox clock is already 400 days ahead.", Text(card, "sandbox-clock-seconds-error"));
        Assert.Empty(card.FindAll("[data-testid=sandbox-clock-result]"));
    }

    [Fact]
    public void A_clock_that_cannot_be_read_leaves_a_message()
    {
        SandboxApi.OnClock = () => new ApiResult<SandboxClock>.Failed("We could not reach the sandbox service. Try again in a moment.");

        var card = RenderCard();

        Assert.Equal("We could not reach the sandbox service. Try again in a moment.", card.Find(".api-error").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=sandbox-clock-now]"));
    }

    private IRenderedComponent<SandboxClockCard> RenderCard() =>
        Render<SandboxClockCard>(parameters => parameters.Add(p => p.ClientId, FakeSandboxClient.ClientId));
}
