using Wekeza.Portal.Components.Sandbox;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Sandbox;

namespace Wekeza.Portal.Tests.Sandbox;

public sealed class FireWebhookTests : SandboxTestContext
{
    [Fact]
    public void Fires_the_chosen_type_with_the_subject_and_shows_the_event_and_its_deliveries()
    {
        var card = RenderCard();

        Choose(card, "sandbox-fire-type", "payment.completed");
        card.Find("[data-testid=sandbox-fire-subject]").Change(" pmt_0192 ");
        card.Find("[data-testid=sandbox-fire-submit]").Click();

        Assert.Equal(new FireWebhookRequest("payment.completed", "pmt_0192"), Assert.Single(SandboxApi.FireCalls));
        Assert.Equal("Fire sbx_3f9c", SandboxApi.Calls.Single());
        Assert.Equal("evt_01abc", Text(card, "sandbox-fire-event-id"));
        Assert.Equal("on its way to 1 endpoint.", Text(card, "sandbox-fire-deliveries"));
        Assert.Equal("/apps/app_1/webhooks", card.Find("[data-testid=sandbox-fire-webhooks-link]").GetAttribute("href"));
        // The catalog's description of the chosen type helps choose it.
        Assert.Contains("A payment your app initiated reached the creditor.", card.Find("[data-testid=sandbox-fire]").TextContent);
    }

    [Fact]
    public void An_event_no_endpoint_subscribes_to_says_nothing_was_delivered()
    {
        SandboxApi.OnFire = request => new ApiResult<FiredWebhookEvent>.Success(new("evt_02", request.Type, 0));
        var card = RenderCard();

        Choose(card, "sandbox-fire-type", "consent.expired");
        card.Find("[data-testid=sandbox-fire-submit]").Click();

        Assert.Equal(new FireWebhookRequest("consent.expired"), Assert.Single(SandboxApi.FireCalls));
        Assert.Contains("no enabled endpoint of this app subscribes to it", Text(card, "sandbox-fire-deliveries"));
        Assert.Contains("Manage the endpoints", Text(card, "sandbox-fire-webhooks-link"));
    }

    [Fact]
    public void A_type_is_required_and_the_subject_must_be_an_id()
    {
        var card = RenderCard();

        card.Find("[data-testid=sandbox-fire-subject]").Change("not an id!");
        card.Find("[data-testid=sandbox-fire-submit]").Click();

        Assert.Equal("true", card.Find("[data-testid=sandbox-fire-type]").GetAttribute("aria-invalid"));
        Assert.Equal("true", card.Find("[data-testid=sandbox-fire-subject]").GetAttribute("aria-invalid"));
        var text = card.Find("[data-testid=sandbox-fire]").TextContent;
        Assert.Contains("Choose the event type to fire.", text);
        Assert.Contains("1 to 64 letters, digits, '_' or '-'", text);
        Assert.Empty(SandboxApi.Calls);
    }

    [Fact]
    public void A_failure_shows_its_message_and_no_result()
    {
        SandboxApi.OnFire = _ => new ApiResult<FiredWebhookEvent>.Failed("We could not reach the sandbox service. Try again in a moment.");
        var card = RenderCard();

        Choose(card, "sandbox-fire-type", "payment.failed");
        card.Find("[data-testid=sandbox-fire-submit]").Click();

        Assert.Equal("We could not reach the sandbox service. Try again in a moment.", card.Find(".api-error").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=sandbox-fire-result]"));
    }

    private IRenderedComponent<FireWebhookCard> RenderCard() =>
        Render<FireWebhookCard>(parameters => parameters
            .Add(p => p.ClientId, FakeSandboxClient.ClientId)
            .Add(p => p.WebhooksHref, "/apps/app_1/webhooks"));
}
