using Wekeza.Portal.Components.Pages;

namespace Wekeza.Portal.Tests.Components.Pages;

public sealed class HomeTests : PortalTestContext
{
    [Fact]
    public void Headline_invites_developers_to_build_on_wekeza()
    {
        var page = Render<Home>();

        Assert.Contains("Build on Wekeza", page.Find("h1").TextContent);
    }

    [Theory]
    [InlineData("Account information")]
    [InlineData("Payment initiation")]
    [InlineData("Customer consent")]
    [InlineData("Webhooks")]
    [InlineData("Sandbox")]
    public void Shows_a_card_for_each_capability(string capability)
    {
        var page = Render<Home>();

        var card = Assert.Single(page.FindAll(".capability-card"), card => card.QuerySelector("h3")?.TextContent == capability);
        Assert.False(string.IsNullOrWhiteSpace(card.QuerySelector(".mud-card-content")?.TextContent));
    }

    [Fact]
    public void Lists_the_developer_journey_in_order()
    {
        var page = Render<Home>();

        var steps = page.FindAll("ol.journey > li .journey-step-title").Select(title => title.TextContent.Trim());
        Assert.Equal(
            [
                "Register", "Verify your email", "Create an app", "Get your client ID & secret", "Test in the sandbox",
                "Submit for production approval", "Go live", "Monitor usage",
            ],
            steps);
    }

    [Fact]
    public void Offers_no_sign_in_or_register_buttons_before_identity_exists()
    {
        var page = Render<Home>();

        // The one button is the docs'.
        var button = Assert.Single(page.FindAll("button, a.mud-button-root"));
        Assert.Equal("Read the docs", button.TextContent.Trim());
    }

    [Fact]
    public void Invites_developers_to_read_the_docs_from_getting_started()
    {
        var page = Render<Home>();

        Assert.Equal("/docs/getting-started", page.Find(".hero a.read-the-docs").GetAttribute("href"));
    }
}
