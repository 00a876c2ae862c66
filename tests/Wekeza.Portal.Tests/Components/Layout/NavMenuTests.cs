using Wekeza.Portal.Components.Layout;

namespace Wekeza.Portal.Tests.Components.Layout;

public sealed class NavMenuTests : PortalTestContext
{
    [Fact]
    public void Links_home()
    {
        var menu = Render<NavMenu>();

        Assert.Equal("Home", menu.Find("a[href='/']").TextContent.Trim());
    }

    [Fact]
    public void Links_the_api_reference_of_the_configured_api()
    {
        var menu = Render<NavMenu>();

        var link = menu.Find($"a[href='{ApiBaseUrl}/docs']");
        Assert.Equal("API reference", link.TextContent.Trim());
        Assert.Equal("_blank", link.GetAttribute("target"));
    }

    [Fact]
    public void Links_the_discovery_document_of_the_configured_auth_server()
    {
        var menu = Render<NavMenu>();

        var link = menu.Find($"a[href='{AuthBaseUrl}/.well-known/openid-configuration']");
        Assert.Equal("Auth server discovery", link.TextContent.Trim());
    }

    [Fact]
    public void Leaves_out_links_to_services_that_are_not_configured()
    {
        UsePlatformConfiguration(new Dictionary<string, string?>());

        var menu = Render<NavMenu>();

        // The docs are compiled into the portal, so they stay.
        Assert.Equal(["Home", "Docs"], menu.FindAll("a").Select(link => link.TextContent.Trim()));
    }

    [Fact]
    public void Links_the_docs_for_everyone()
    {
        var menu = Render<NavMenu>();

        var link = menu.Find("[data-testid=nav-docs]");
        Assert.Equal(("/docs", "Docs"), (link.GetAttribute("href"), link.TextContent.Trim()));
    }

    [Fact]
    public void Anonymous_visitors_get_no_consent_links()
    {
        var menu = Render<NavMenu>();

        Assert.Empty(menu.FindAll("[data-testid=nav-consents]"));
        Assert.Empty(menu.FindAll("[data-testid=nav-consent-lookup]"));
    }

    [Fact]
    public void Signed_in_customers_get_my_consents_but_not_the_lookup()
    {
        SignInAsCustomer();

        var menu = Render<NavMenu>();

        var link = menu.Find("[data-testid=nav-consents]");
        Assert.Equal(("/consents", "My consents"), (link.GetAttribute("href"), link.TextContent.Trim()));
        Assert.Empty(menu.FindAll("[data-testid=nav-consent-lookup]"));
    }

    [Fact]
    public void Admins_also_get_the_consent_lookup()
    {
        SignInAsAdmin();

        var menu = Render<NavMenu>();

        var link = menu.Find("[data-testid=nav-consent-lookup]");
        Assert.Equal(("/admin/consents", "Consent lookup"), (link.GetAttribute("href"), link.TextContent.Trim()));
        Assert.NotNull(menu.Find("[data-testid=nav-consents]"));
    }
}
