using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Wekeza.Portal.Docs;

/// <summary>
/// Gives each row of a table whose first column is <c>code</c> the code as its id, so a problem's <c>type</c>
/// (<c>/docs/errors#consent_expired</c>) opens its row. The first row that names a code owns its anchor; a code named
/// again further down (a feature's own table repeating a general code) gets none.
/// </summary>
internal static class CodeAnchors
{
    public const string Column = "code";

    public static void Add(MarkdownDocument document)
    {
        var taken = new HashSet<string>(document.Descendants<HeadingBlock>()
            .Select(heading => heading.GetAttributes().Id).OfType<string>(), StringComparer.Ordinal);
        foreach (var table in document.Descendants<Table>())
        {
            if (table.FirstOrDefault() is not TableRow { IsHeader: true } header || CellText(header) != Column)
            {
                continue;
            }

            foreach (var row in table.OfType<TableRow>().Where(row => !row.IsHeader))
            {
                if (CodeOf(row) is { } code && taken.Add(code))
                {
                    row.GetAttributes().Id = code;
                }
            }
        }
    }

    /// <summary>The code a row documents: its first cell, when that is one <c>code</c> span.</summary>
    public static string? CodeOf(TableRow row) =>
        row.FirstOrDefault() is TableCell { Count: 1 } cell && cell[0] is ParagraphBlock { Inline: { } inline }
        && inline.Count() == 1 && inline.FirstChild is CodeInline code
            ? code.Content
            : null;

    private static string CellText(TableRow row) =>
        row.FirstOrDefault() is TableCell cell && cell.FirstOrDefault() is ParagraphBlock paragraph
            ? DocsMarkdown.PlainText(paragraph.Inline).Trim()
            : "";
}
