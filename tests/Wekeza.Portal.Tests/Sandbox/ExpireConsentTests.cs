using Wekeza.Portal.Components.Sandbox;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Sandbox;

namespace Wekeza.Portal.Tests.Sandbox;

public sealed class ExpireConsentTests : SandboxTestContext
{
    [Fact]
    public void Expires_the_consent_and_shows_its_new_status()
    {
        var card = RenderCard();

        card.Find("[data-testid=sandbox-expire-consent]").Change(" cns_77 ");
        card.Find("[data-testid=sandbox-expire-submit]").Click();

        Assert.Equal(["Expire sbx_3f9c cns_77"], SandboxApi.Calls);
        Assert.Equal("Consent cns_77 is now Expired.", Text(card, "sandbox-expire-result"));
    }

    [Fact]
    public void A_consent_id_is_required()
    {
        var card = RenderCard();

        card.Find("[data-testid=sandbox-expire-submit]").Click();

        Assert.Equal("true", card.Find("[data-testid=sandbox-expire-consent]").GetAttribute("aria-invalid"));
        Assert.Contains("Enter the id of one of this app's consents.", card.Find("[data-testid=sandbox-expire]").TextContent);
        Assert.Empty(SandboxApi.Calls);
    }

    [Fact]
    public void A_final_consent_shows_the_apis_explanation()
    {
        SandboxApi.OnExpire = _ => FakeSandboxClient.Refused<ExpiredConsent>("consent_not_expirable", "The consent is already Revoked.");
        var card = RenderCard();

        card.Find("[data-testid=sandbox-expire-consent]").Change("cns_1");
        card.Find("[data-testid=sandbox-expire-submit]").Click();

        Assert.Equal("The consent is already Revoked.", card.Find(".api-error").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=sandbox-expire-result]"));
    }

    [Fact]
    public void An_unknown_consent_is_named()
    {
        SandboxApi.OnExpire = _ => new ApiResult<ExpiredConsent>.NotFound();
        var card = RenderCard();

        card.Find("[data-testid=sandbox-expire-consent]").Change("cns_other");
        card.Find("[data-testid=sandbox-expire-submit]").Click();

        Assert.Equal("This app has no consent 'cns_other'.", card.Find(".api-error").TextContent.Trim());
    }

    private IRenderedComponent<ExpireConsentCard> RenderCard() =>
        Render<ExpireConsentCard>(parameters => parameters.Add(p => p.ClientId, FakeSandboxClient.ClientId));
}
