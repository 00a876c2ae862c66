using Wekeza.Portal.Components.Sandbox;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Sandbox;

namespace Wekeza.Portal.Tests.Sandbox;

public sealed class PaymentOutcomeTests : SandboxTestContext
{
    [Fact]
    public void Sends_the_final_state_and_reason_and_shows_the_move_asked_for()
    {
        var card = RenderCard();

        card.Find("[data-testid=sandbox-outcome-payment]").Change(" pmt_0192 ");
        card.Find("[data-testid=sandbox-outcome-status-Failed] input").Click();
        card.Find("[data-testid=sandbox-outcome-reason]").Change("insufficient_funds");
        card.Find("[data-testid=sandbox-outcome-submit]").Click();

        var (paymentId, request) = Assert.Single(SandboxApi.OutcomeCalls);
        Assert.Equal(("pmt_0192", new PaymentOutcomeRequest("Failed", "insufficient_funds")), (paymentId, request));
        Assert.Equal("Outcome sbx_3f9c pmt_0192", SandboxApi.Calls.Single());
        var result = Text(card, "sandbox-outcome-result");
        Assert.Contains("pmt_0192 (AcceptedSettlementInProcess) moves to Failed", result);
        Assert.Contains("payment.failed", result);
    }

    [Fact]
    public void Completed_is_the_default_and_sends_no_reason_code()
    {
        var card = RenderCard();

        card.Find("[data-testid=sandbox-outcome-status-Rejected] input").Click();
        card.Find("[data-testid=sandbox-outcome-reason]").Change("risk_declined");
        card.Find("[data-testid=sandbox-outcome-status-Completed] input").Click();
        card.Find("[data-testid=sandbox-outcome-payment]").Change("pmt_1");

        Assert.True(card.Find("[data-testid=sandbox-outcome-reason]").HasAttribute("disabled"));
        card.Find("[data-testid=sandbox-outcome-submit]").Click();

        Assert.Equal(new PaymentOutcomeRequest("Completed"), Assert.Single(SandboxApi.OutcomeCalls).Request);
    }

    [Fact]
    public void A_payment_id_and_a_well_formed_reason_code_are_required()
    {
        var card = RenderCard();

        card.Find("[data-testid=sandbox-outcome-status-Rejected] input").Click();
        card.Find("[data-testid=sandbox-outcome-reason]").Change("Not A Code");
        card.Find("[data-testid=sandbox-outcome-submit]").Click();

        Assert.Equal("true", card.Find("[data-testid=sandbox-outcome-payment]").GetAttribute("aria-invalid"));
        Assert.Equal("true", card.Find("[data-testid=sandbox-outcome-reason]").GetAttribute("aria-invalid"));
        var text = card.Find("[data-testid=sandbox-outcome]").TextContent;
        Assert.Contains("Enter the id of one of this app's payments.", text);
        Assert.Contains("A code of 3 to 60 lower-case letters", text);
        Assert.Empty(SandboxApi.Calls);
    }

    [Fact]
    public void An_impossible_move_shows_the_apis_explanation()
    {
        SandboxApi.OnOutcome = (_, _) => FakeSandboxClient.Refused<PaymentOutcomeRequested>("sandbox_payment_transition_invalid",
            "The payment is already Completed, a final state.");
        var card = RenderCard();

        card.Find("[data-testid=sandbox-outcome-payment]").Change("pmt_done");
        card.Find("[data-testid=sandbox-outcome-submit]").Click();

        Assert.Equal("The payment is already Completed, a final state.", card.Find(".api-error").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=sandbox-outcome-result]"));
    }

    [Fact]
    public void An_unknown_payment_is_named()
    {
        SandboxApi.OnOutcome = (_, _) => new ApiResult<PaymentOutcomeRequested>.NotFound();
        var card = RenderCard();

        card.Find("[data-testid=sandbox-outcome-payment]").Change("pmt_other");
        card.Find("[data-testid=sandbox-outcome-submit]").Click();

        Assert.Equal("This app has no payment 'pmt_other'.", card.Find(".api-error").TextContent.Trim());
    }

    [Fact]
    public void The_apis_field_errors_land_under_their_fields()
    {
        SandboxApi.OnOutcome = (_, _) => FakeSandboxClient.Invalid<PaymentOutcomeRequested>("reasonCode", "A code of 3 to 60 characters.");
        var card = RenderCard();

        card.Find("[data-testid=sandbox-outcome-payment]").Change("pmt_1");
        card.Find("[data-testid=sandbox-outcome-status-Failed] input").Click();
        card.Find("[data-testid=sandbox-outcome-reason]").Change("abc");
        card.Find("[data-testid=sandbox-outcome-submit]").Click();

        Assert.Equal("true", card.Find("[data-testid=sandbox-outcome-reason]").GetAttribute("aria-invalid"));
        Assert.Contains("A code of 3 to 60 characters.", card.Find("[data-testid=sandbox-outcome]").TextContent);
    }

    private IRenderedComponent<PaymentOutcomeCard> RenderCard() =>
        Render<PaymentOutcomeCard>(parameters => parameters.Add(p => p.ClientId, FakeSandboxClient.ClientId));
}
