using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Wekeza.Portal.Components.Docs;
using Wekeza.Portal.Components.Pages.Docs;
using Wekeza.Portal.Docs;

namespace Wekeza.Portal.Tests.Docs;

public sealed class DocsPageTests : PortalTestContext
{
    [Fact]
    public void Shows_the_doc_with_its_table_of_contents_and_the_docs_navigation()
    {
        var page = Render<DocsPage>(parameters => parameters.Add(p => p.Slug, "errors"));

        Assert.Equal("Error catalog", page.Find("article.doc-article h1").TextContent);
        var toc = page.FindAll(".doc-toc a").Select(link => (link.TextContent, link.GetAttribute("href"))).ToList();
        Assert.Contains(("Payments", "/docs/errors#payments"), toc);
        Assert.Equal(
            page.FindAll("article.doc-article h2").Select(heading => heading.TextContent.Trim()),
            toc.Select(link => link.TextContent));
        Assert.NotNull(page.Find("nav.docs-nav a[href='/docs/errors']"));
    }

    [Fact]
    public void Anyone_may_read_the_docs()
    {
        // The page must not ask for sign-in: no [Authorize] on it.
        Assert.Empty(typeof(DocsPage).GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), inherit: true));
        Assert.Empty(typeof(DocsIndex).GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), inherit: true));
    }

    [Fact]
    public void An_unknown_slug_asks_for_the_not_found_page_and_shows_nothing()
    {
        var notFound = false;
        Services.GetRequiredService<NavigationManager>().OnNotFound += (_, _) => notFound = true;

        var page = Render<DocsPage>(parameters => parameters.Add(p => p.Slug, "no-such-page"));

        Assert.True(notFound);
        Assert.Empty(page.FindAll("article"));
    }

    [Fact]
    public void Offers_previous_and_next_pages_in_reading_order()
    {
        var page = Render<DocsPage>(parameters => parameters.Add(p => p.Slug, "authentication"));

        Assert.Equal("/docs/getting-started", page.Find("a.doc-previous").GetAttribute("href"));
        Assert.Equal("/docs/api-guide", page.Find("a.doc-next").GetAttribute("href"));
    }

    [Fact]
    public void Code_blocks_keep_their_language_and_get_a_copy_button()
    {
        var article = RenderMarkdown("# Code\n\n```bash\ncurl --cacert $CA $API/health\n```\n\n```\nplain\n```\n");

        var blocks = article.FindAll(".doc-code");
        Assert.Equal(2, blocks.Count);
        Assert.Equal("curl --cacert $CA $API/health", blocks[0].QuerySelector("pre code.language-bash")?.TextContent);
        Assert.NotNull(blocks[0].QuerySelector("button[aria-label='Copy']"));
        Assert.Null(blocks[1].QuerySelector("code")?.GetAttribute("class"));
    }

    [Fact]
    public void Copy_puts_the_code_on_the_clipboard()
    {
        var article = RenderMarkdown("```bash\necho hello\n```");

        article.Find(".doc-code button").Click();

        var call = Assert.Single(JSInterop.Invocations, invocation => invocation.Identifier == "navigator.clipboard.writeText");
        Assert.Equal("echo hello", call.Arguments[0]);
    }

    [Fact]
    public void Raw_html_in_markdown_is_shown_as_text_not_passed_through()
    {
        var article = RenderMarkdown(
            """
            # Safe

            <script>alert('block')</script>

            Inline <img src=x onerror="alert('inline')"> and <b onclick="alert('b')">bold</b>.

            [a script link](javascript:alert('link')) and [data](data:text/html,hi)

            Attributes are not markdown here {onclick="alert('attr')"}
            """);

        Assert.Empty(article.FindAll("script, img, b, iframe"));
        Assert.Empty(article.FindAll("a"));
        Assert.All(article.FindAll("*"), element =>
            Assert.DoesNotContain(element.Attributes, attribute => attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("<script>alert('block')</script>", article.Find("article").TextContent);
    }

    [Fact]
    public void Headings_get_github_style_ids_so_anchors_written_for_github_work()
    {
        var article = RenderMarkdown("# Doc\n\n## The auth server's OAuth errors\n\n## Managing apps (`/v1/apps` on the auth server)\n");

        Assert.Equal(
            ["doc", "the-auth-servers-oauth-errors", "managing-apps-v1apps-on-the-auth-server"],
            article.FindAll("h1, h2").Select(heading => heading.Id));
    }

    private IRenderedComponent<DocContent> RenderMarkdown(string markdown)
    {
        var page = DocsMarkdown.Render(new DocsCatalog.Entry("docs/test.md", "test", "Test", ""), markdown,
            new Dictionary<string, string> { ["docs/test.md"] = "test" });
        return Render<DocContent>(parameters => parameters.Add(content => content.Page, page));
    }
}
