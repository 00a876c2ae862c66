using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Wekeza.Portal.Docs;

/// <summary>Renders one markdown file into a <see cref="DocPage"/>.</summary>
internal static class DocsMarkdown
{
    // Markdig's advanced extensions minus the ones that would let markdown reach past plain HTML: generic attributes
    // (any attribute on any element, onclick included), media links (iframes), and diagrams and mathematics (they need
    // scripts we do not load). Raw HTML is off: a <script> in a doc is shown as text. Heading ids are GitHub's, so an
    // anchor that works on GitHub works here.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseTaskLists()
        .UseDefinitionLists()
        .UseAbbreviations()
        .UseFootnotes()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public static DocPage Render(DocsCatalog.Entry entry, string markdown, IReadOnlyDictionary<string, string> slugsByPath)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        DocLinks.Rewrite(document, entry.SourcePath, entry.Slug, slugsByPath);
        CodeAnchors.Add(document);

        var headings = document.Descendants<HeadingBlock>().ToList();
        var h1 = headings.FirstOrDefault(heading => heading.Level == 1);
        var title = entry.Title is { Length: > 0 } ? entry.Title : h1 is null ? entry.Slug : PlainText(h1.Inline).Trim();
        var contents = headings
            .Where(heading => heading.Level == 2 && heading.GetAttributes().Id is { Length: > 0 })
            .Select(heading => new DocHeading(heading.GetAttributes().Id!, PlainText(heading.Inline).Trim()))
            .ToList();

        return new DocPage(entry.Slug, title, entry.Summary, entry.SourcePath, Segments(document), contents);
    }

    /// <summary>
    /// The body as HTML runs between top-level code blocks, so the page can give each code block a copy button
    /// (a Blazor component) without scripts reaching into rendered HTML. Code nested in a list stays inside its HTML.
    /// </summary>
    private static List<DocSegment> Segments(MarkdownDocument document)
    {
        var segments = new List<DocSegment>();
        StringWriter? html = null;
        HtmlRenderer? renderer = null;

        foreach (var block in document)
        {
            if (block is CodeBlock code)
            {
                Flush();
                var language = (code as FencedCodeBlock)?.Info;
                segments.Add(new DocSegment.Code(code.Lines.ToString().TrimEnd(), IsPlainWord(language) ? language : null));
                continue;
            }

            if (renderer is null)
            {
                html = new StringWriter();
                renderer = new HtmlRenderer(html);
                Pipeline.Setup(renderer);
            }

            renderer.Render(block);
        }

        Flush();
        return segments;

        void Flush()
        {
            if (renderer is null || html is null)
            {
                return;
            }

            renderer.Writer.Flush();
            var markup = html.ToString();
            if (!string.IsNullOrWhiteSpace(markup))
            {
                segments.Add(new DocSegment.Html(markup));
            }

            renderer = null;
            html = null;
        }
    }

    // The info string becomes a class name: letters, digits and a few signs only.
    private static bool IsPlainWord(string? language) =>
        language is { Length: > 0 and <= 20 } && language.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '#');

    internal static string PlainText(Inline? inline) => inline switch
    {
        null => "",
        LiteralInline literal => literal.Content.ToString(),
        CodeInline code => code.Content,
        HtmlEntityInline entity => entity.Transcoded.ToString(),
        LineBreakInline => " ",
        ContainerInline container => string.Concat(container.Select(PlainText)),
        _ => "",
    };
}
