using Wekeza.Portal.Components.Sandbox;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Sandbox;

namespace Wekeza.Portal.Tests.Sandbox;

public sealed class ResetSandboxTests : SandboxTestContext
{
    [Fact]
    public void Asks_first_saying_exactly_what_is_removed_and_that_other_apps_are_untouched()
    {
        var card = RenderCard();

        card.Find("[data-testid=sandbox-reset]").Click();

        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll("[data-testid=sandbox-reset-text]")));
        var removes = Dialogs.FindAll("[data-testid=sandbox-reset-removes] li").Select(item => item.TextContent).ToList();
        Assert.Contains(removes, item => item.StartsWith("its consents", StringComparison.Ordinal));
        Assert.Contains(removes, item => item.StartsWith("its payments", StringComparison.Ordinal));
        Assert.Contains(removes, item => item.StartsWith("the simulated transactions", StringComparison.Ordinal));
        Assert.Contains(removes, item => item.StartsWith("its sandbox clock", StringComparison.Ordinal));
        Assert.Contains("Budget Buddy", Dialogs.Find("[data-testid=sandbox-reset-text]").TextContent);
        Assert.Contains("Other apps' sandboxes are untouched", Dialogs.Find("[data-testid=sandbox-reset-keeps]").TextContent);

        Dialogs.Find("[data-testid=sandbox-reset-cancel]").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=sandbox-reset-text]")));
        Assert.Empty(SandboxApi.Calls);
        Assert.Empty(card.FindAll("[data-testid=sandbox-reset-result]"));
    }

    [Fact]
    public void A_confirmed_reset_shows_what_was_removed()
    {
        SandboxResetDone? announced = null;
        var card = Render<ResetSandboxCard>(parameters => parameters
            .Add(p => p.ClientId, FakeSandboxClient.ClientId)
            .Add(p => p.AppName, "Budget Buddy")
            .Add(p => p.Done, done => announced = done));

        Confirm(card);

        card.WaitForAssertion(() => Assert.Equal(
            "Sandbox reset: removed 3 consents, 2 payments and 1 simulated transaction. The clock is back on real time.",
            Normalized(Text(card, "sandbox-reset-result"))));
        Assert.Equal(["Reset sbx_3f9c"], SandboxApi.Calls);
        Assert.Equal(new SandboxResetDone(3, 2, 1, true), announced);
    }

    [Fact]
    public void A_clock_that_never_moved_is_said_to_be_on_real_time_already()
    {
        SandboxApi.OnReset = () => new ApiResult<SandboxResetDone>.Success(new(0, 1, 0, false));
        var card = RenderCard();

        Confirm(card);

        card.WaitForAssertion(() => Assert.Equal(
            "Sandbox reset: removed 0 consents, 1 payment and 0 simulated transactions. The clock was already on real time.",
            Normalized(Text(card, "sandbox-reset-result"))));
    }

    [Fact]
    public void Payments_in_flight_are_listed_and_nothing_is_said_to_be_removed()
    {
        const string detail = "2 of your payments are still in process (pmt_1, pmt_2). Wait for them to end, or move each to a final state " +
                              "with POST /v1/sandbox/payments/{paymentId}/outcome, then reset. Nothing was removed.";
        SandboxApi.OnReset = () => FakeSandboxClient.Refused<SandboxResetDone>("sandbox_payments_in_flight", detail, "pmt_1", "pmt_2");
        var card = RenderCard();

        Confirm(card);

        card.WaitForAssertion(() => Assert.NotEmpty(card.FindAll("[data-testid=sandbox-reset-refused]")));
        Assert.Contains(detail, card.Find("[data-testid=sandbox-reset-refused]").TextContent);
        Assert.Equal(["pmt_1", "pmt_2"], card.FindAll("[data-testid=sandbox-reset-in-flight-payment] code").Select(code => code.TextContent));
        Assert.Empty(card.FindAll("[data-testid=sandbox-reset-result]"));
        Assert.Empty(card.FindAll(".api-error"));
    }

    [Fact]
    public void Any_other_failure_shows_its_message()
    {
        SandboxApi.OnReset = () => new ApiResult<SandboxResetDone>.Failed("Sandbox controls are for sandbox apps: this is a production app.");
        var card = RenderCard();

        Confirm(card);

        card.WaitForAssertion(() => Assert.Equal("Sandbox controls are for sandbox apps: this is a production app.",
            card.Find(".api-error").TextContent.Trim()));
        Assert.Empty(card.FindAll("[data-testid=sandbox-reset-refused]"));
    }

    private void Confirm(IRenderedComponent<ResetSandboxCard> card)
    {
        card.Find("[data-testid=sandbox-reset]").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=sandbox-reset-confirm]").Click());
    }

    private static string Normalized(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private IRenderedComponent<ResetSandboxCard> RenderCard() =>
        Render<ResetSandboxCard>(parameters => parameters
            .Add(p => p.ClientId, FakeSandboxClient.ClientId)
            .Add(p => p.AppName, "Budget Buddy"));
}
