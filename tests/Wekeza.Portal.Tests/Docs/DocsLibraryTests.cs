using Wekeza.Portal.Components.Docs;
using Wekeza.Portal.Docs;

namespace Wekeza.Portal.Tests.Docs;

public sealed class DocsLibraryTests : PortalTestContext
{
    /// <summary>Every markdown file embedded in the portal, by its path in the repository.</summary>
    public static TheoryData<string> EmbeddedDocs() =>
        [.. typeof(DocsLibrary).Assembly.GetManifestResourceNames().Where(name => name.EndsWith(".md", StringComparison.Ordinal))];

    [Fact]
    public void The_docs_folder_and_the_readme_are_embedded()
    {
        var embedded = EmbeddedDocs().Select(row => row.Data).ToList();

        Assert.Contains("README.md", embedded);
        Assert.Contains("docs/api-guide.md", embedded);
        Assert.All(DocsCatalog.Entries, entry => Assert.Contains(entry.SourcePath, embedded));
    }

    [Theory]
    [MemberData(nameof(EmbeddedDocs))]
    public void Every_embedded_doc_is_a_page_that_renders_with_a_title_and_a_heading(string sourcePath)
    {
        var page = Assert.Single(DocsLibrary.Pages, page => page.SourcePath == sourcePath);

        Assert.False(string.IsNullOrWhiteSpace(page.Title));
        Assert.Same(page, DocsLibrary.Find(page.Slug));
        var article = Render<DocContent>(parameters => parameters.Add(content => content.Page, page));
        Assert.False(string.IsNullOrWhiteSpace(article.Find("article h1").TextContent));
    }

    [Fact]
    public void Pages_come_in_the_catalogs_reading_order_with_its_titles()
    {
        Assert.Equal(
            [
                "Getting started", "Authentication and consent", "API guide", "Sandbox", "Webhooks", "Going live", "Errors", "Architecture",
                "Observability", "Changelog and versioning", "Running the platform locally",
            ],
            DocsLibrary.Pages.Take(DocsCatalog.Entries.Count).Select(page => page.Title));
        Assert.Equal("/docs/getting-started", DocsLibrary.Pages[0].Href);
    }

    [Theory]
    [InlineData("errors")]
    [InlineData("Errors")]
    public void Slugs_are_found_in_any_case(string slug) => Assert.Equal("docs/errors.md", DocsLibrary.Find(slug)?.SourcePath);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-such-page")]
    [InlineData("../README")]
    [InlineData("errors.md")]
    public void Unknown_slugs_find_nothing(string? slug) => Assert.Null(DocsLibrary.Find(slug));

    [Fact]
    public void The_table_of_contents_lists_the_h2_headings_with_their_anchors()
    {
        var errors = DocsLibrary.Find("errors")!;

        Assert.Contains(new DocHeading("payments", "Payments"), errors.Contents);
        Assert.Contains(new DocHeading("the-auth-servers-oauth-errors", "The auth server's OAuth errors"), errors.Contents);
        Assert.DoesNotContain(errors.Contents, heading => heading.Text == "Payment reason codes");
    }
}
