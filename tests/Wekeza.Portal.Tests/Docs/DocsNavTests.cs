using Wekeza.Portal.Components.Docs;
using Wekeza.Portal.Components.Pages.Docs;
using Wekeza.Portal.Docs;

namespace Wekeza.Portal.Tests.Docs;

public sealed class DocsNavTests : PortalTestContext
{
    [Fact]
    public void Lists_the_pages_in_reading_order_with_the_api_reference_after_the_api_guide()
    {
        var nav = Render<DocsNav>();

        var links = nav.FindAll("a").Take(13).Select(link => (link.TextContent.Trim(), link.GetAttribute("href"))).ToList();
        Assert.Equal(
            [
                ("Overview", "/docs"),
                ("Getting started", "/docs/getting-started"),
                ("Authentication and consent", "/docs/authentication"),
                ("API guide", "/docs/api-guide"),
                ("API reference", $"{ApiBaseUrl}/docs"),
                ("Sandbox", "/docs/sandbox"),
                ("Webhooks", "/docs/webhooks"),
                ("Going live", "/docs/going-live"),
                ("Errors", "/docs/errors"),
                ("Architecture", "/docs/architecture"),
                ("Observability", "/docs/observability"),
                ("Changelog and versioning", "/docs/changelog"),
                ("Running the platform locally", "/docs/running-locally"),
            ],
            links);
        Assert.Equal("_blank", nav.Find("[data-testid=docs-api-reference]").GetAttribute("target"));
    }

    [Fact]
    public void Lists_every_page_there_is()
    {
        var nav = Render<DocsNav>();

        var hrefs = nav.FindAll("a").Select(link => link.GetAttribute("href")).ToList();
        Assert.All(DocsLibrary.Pages, page => Assert.Contains(page.Href, hrefs));
    }

    [Fact]
    public void Without_an_api_there_is_no_api_reference_link()
    {
        UsePlatformConfiguration(new Dictionary<string, string?>());

        var nav = Render<DocsNav>();

        Assert.Empty(nav.FindAll("[data-testid=docs-api-reference]"));
        Assert.NotNull(nav.Find("a[href='/docs/api-guide']"));
    }

    [Fact]
    public void The_index_has_a_card_for_every_page_and_starts_readers_at_getting_started()
    {
        var index = Render<DocsIndex>();

        Assert.Equal("Documentation", index.Find("h1").TextContent.Trim());
        Assert.Equal(DocsLibrary.Pages.Count, index.FindAll(".doc-card").Count);
        Assert.NotEmpty(index.FindAll("article a[href='/docs/getting-started'], p a[href='/docs/getting-started']"));
    }
}
