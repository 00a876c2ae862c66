using Wekeza.Portal.Components.Pages.Docs;
using Wekeza.Portal.Docs;
using Wekeza.ServiceDefaults;

namespace Wekeza.Portal.Tests.Docs;

/// <summary>
/// docs/errors.md and <see cref="ProblemCatalog"/> are one catalog: each code the services can answer has a row there
/// (with its status and retryable as the services answer them) and an anchor on the portal's page, which a problem's
/// <c>type</c> opens; each code documented there is in the catalog.
/// </summary>
public sealed class ErrorCatalogDocsTests : PortalTestContext
{
    public static TheoryData<string> Codes() => [.. ProblemCatalog.All.Select(type => type.Code).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_catalog_code_has_its_row_and_anchor_on_the_errors_page(string code)
    {
        var type = ProblemCatalog.Find(code)!;
        var page = Render<DocsPage>(parameters => parameters.Add(p => p.Slug, "errors"));

        var row = page.Find($"article.doc-article tr[id='{code}']");
        var cells = row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim()).ToList();
        Assert.Equal(code, cells[0]);
        Assert.Equal(type.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[1]);
        Assert.Equal(type.Retryable ? "yes" : "no", cells[2]);
    }

    [Fact]
    public void Every_documented_code_is_in_the_catalog_with_the_same_status_and_retryable_wherever_it_is_listed()
    {
        var page = Render<DocsPage>(parameters => parameters.Add(p => p.Slug, "errors"));
        var rows = page.FindAll("article.doc-article table")
            .Where(table => table.QuerySelector("thead th")?.TextContent.Trim() == CodeAnchors.Column)
            .SelectMany(table => table.QuerySelectorAll("tbody tr"))
            .Select(row => row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim()).ToList())
            .ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, cells =>
        {
            var type = ProblemCatalog.Find(cells[0]);
            Assert.True(type is not null, $"docs/errors.md documents {cells[0]}, which is not in ProblemCatalog");
            Assert.Equal($"{cells[0]} {type.Status} {(type.Retryable ? "yes" : "no")}", $"{cells[0]} {cells[1]} {cells[2]}");
        });
    }

    [Fact]
    public void A_code_gets_one_anchor_however_often_it_is_listed()
    {
        var page = Render<DocsPage>(parameters => parameters.Add(p => p.Slug, "errors"));

        // internal_error is in the general table and again in the sandbox's.
        Assert.Single(page.FindAll("article.doc-article [id='internal_error']"));
        Assert.True(page.FindAll("article.doc-article td code").Count(code => code.TextContent == "internal_error") > 1);
    }
}
