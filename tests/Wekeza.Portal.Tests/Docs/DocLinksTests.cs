using AngleSharp.Dom;
using Wekeza.Portal.Components.Pages.Docs;
using Wekeza.Portal.Docs;

namespace Wekeza.Portal.Tests.Docs;

/// <summary>
/// Every link in every doc leads somewhere: another doc, an anchor that exists, or outside the portal. A renamed
/// heading or a mistyped file name fails here rather than in a reader's browser.
/// </summary>
public sealed class DocLinksTests : PortalTestContext
{
    public static TheoryData<string> Slugs() => [.. DocsLibrary.Pages.Select(page => page.Slug)];

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Every_internal_link_resolves_to_a_doc_and_an_anchor_on_it(string slug)
    {
        var links = RenderPage(slug).FindAll("a[href]")
            .Select(link => link.GetAttribute("href")!)
            .Where(href => href.StartsWith(DocsLibrary.BasePath + "/", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.All(links, href =>
        {
            var hash = href.IndexOf('#');
            var targetSlug = (hash < 0 ? href : href[..hash])[(DocsLibrary.BasePath.Length + 1)..];
            var target = DocsLibrary.Find(targetSlug);
            Assert.True(target is not null, $"{slug}: the link {href} leads to no doc");
            if (hash >= 0)
            {
                var anchor = href[(hash + 1)..];
                Assert.True(AnchorsOn(target!.Slug).Contains(anchor), $"{slug}: the link {href} leads to no heading on {target.Slug}");
            }
        });
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Every_other_link_leaves_the_portal_or_is_a_portal_route(string slug)
    {
        var hrefs = RenderPage(slug).Find("article.doc-article").QuerySelectorAll("a[href]").Select(link => link.GetAttribute("href")!);

        Assert.All(hrefs, href => Assert.True(
            href.StartsWith('/') || href.StartsWith("https://", StringComparison.Ordinal)
                || href.StartsWith("http://", StringComparison.Ordinal) || href.StartsWith("mailto:", StringComparison.Ordinal),
            $"{slug}: the link {href} is relative to nothing the portal serves"));
    }

    [Fact]
    public void Links_between_docs_become_portal_routes()
    {
        var page = Render(
            """
            # Links

            See [errors](errors.md), [a code](errors.md#payments), [the README](../README.md#trust-the-local-ca),
            [the same doc](./links.md#links), [here](#links) and [a doc by its repository path](../docs/errors.md).
            """);

        Assert.Equal(
            ["/docs/errors", "/docs/errors#payments", "/docs/running-locally#trust-the-local-ca", "/docs/links#links", "/docs/links#links", "/docs/errors"],
            page.FindAll("a").Select(link => link.GetAttribute("href")));
    }

    [Fact]
    public void Links_to_repository_files_that_are_not_docs_become_text_saying_where_the_file_is()
    {
        var page = Render("See [the seed](../Wekeza.Banking/CoreBanking/SandboxSeed.cs) and [](../../outside.md).");

        Assert.Empty(page.FindAll("a"));
        Assert.Contains("the seed (Wekeza.Banking/CoreBanking/SandboxSeed.cs in the repository)", page.Find("p").TextContent);
        Assert.Equal("Wekeza.Banking/CoreBanking/SandboxSeed.cs", page.Find("p code").TextContent);
    }

    [Fact]
    public void External_links_open_in_a_new_tab_without_an_opener()
    {
        var link = Render("The [RFC](https://www.rfc-editor.org/rfc/rfc9457).").Find("a");

        Assert.Equal("https://www.rfc-editor.org/rfc/rfc9457", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
    }

    [Fact]
    public void A_link_to_a_doc_that_does_not_exist_stays_a_docs_route_for_the_link_check_to_catch()
    {
        var link = Render("See [the FAQ](faq.md).").Find("a");

        Assert.Equal("/docs/faq", link.GetAttribute("href"));
        Assert.Null(DocsLibrary.Find("faq"));
    }

    private IRenderedComponent<Wekeza.Portal.Components.Docs.DocContent> Render(string markdown)
    {
        var slugs = new Dictionary<string, string> { ["docs/links.md"] = "links", ["docs/errors.md"] = "errors", ["README.md"] = "running-locally" };
        var page = DocsMarkdown.Render(new DocsCatalog.Entry("docs/links.md", "links", "Links", ""), markdown, slugs);
        return Render<Wekeza.Portal.Components.Docs.DocContent>(parameters => parameters.Add(content => content.Page, page));
    }

    private IRenderedComponent<DocsPage> RenderPage(string slug) =>
        Render<DocsPage>(parameters => parameters.Add(page => page.Slug, slug));

    private HashSet<string> AnchorsOn(string slug) =>
        [.. RenderPage(slug).Find("article.doc-article").QuerySelectorAll("[id]").Select(element => element.Id!)];
}
