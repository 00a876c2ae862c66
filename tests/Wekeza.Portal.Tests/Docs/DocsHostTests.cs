using System.Net;

namespace Wekeza.Portal.Tests.Docs;

/// <summary>The docs as the portal serves them: public, titled, and a real 404 for a page that does not exist.</summary>
public sealed class DocsHostTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/docs", "Documentation · Wekeza Open Platform")]
    [InlineData("/docs/getting-started", "Getting started · Wekeza Open Platform")]
    [InlineData("/docs/errors", "Errors · Wekeza Open Platform")]
    public async Task Docs_are_served_to_anyone_with_their_title(string path, string title)
    {
        using var client = portal.CreateBrowserClient();

        var response = await client.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<title>{title}</title>", await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task An_unknown_doc_answers_404_with_the_friendly_not_found_page()
    {
        using var client = portal.CreateBrowserClient();

        var response = await client.GetAsync("/docs/no-such-page", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("We couldn&#x27;t find that page", html);
        Assert.DoesNotContain("doc-article", html);
    }

    [Fact]
    public async Task The_docs_stylesheet_is_served()
    {
        using var client = portal.CreateBrowserClient();

        var response = await client.GetAsync("/docs.css", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
