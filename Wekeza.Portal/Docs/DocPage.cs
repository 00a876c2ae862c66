namespace Wekeza.Portal.Docs;

/// <summary>One page of the documentation, rendered once from its markdown file.</summary>
/// <param name="Slug">The page's address under <c>/docs/</c>.</param>
/// <param name="Title">The title the navigation and the browser tab show.</param>
/// <param name="Summary">One line for the docs' index page.</param>
/// <param name="SourcePath">The markdown file, relative to the repository's root (<c>docs/errors.md</c>).</param>
/// <param name="Content">The body, in order: HTML between code blocks, and the code blocks themselves.</param>
/// <param name="Contents">The page's sections (its h2 headings), for the table of contents.</param>
public sealed record DocPage(
    string Slug,
    string Title,
    string Summary,
    string SourcePath,
    IReadOnlyList<DocSegment> Content,
    IReadOnlyList<DocHeading> Contents)
{
    public string Href => DocsLibrary.HrefFor(Slug);
}

/// <summary>A heading a table of contents links to: its text and the id Markdig gave it.</summary>
public sealed record DocHeading(string Id, string Text);

/// <summary>A piece of a page's body.</summary>
public abstract record DocSegment
{
    private DocSegment()
    {
    }

    /// <summary>HTML rendered by Markdig from our own markdown with raw HTML disabled.</summary>
    public sealed record Html(string Markup) : DocSegment;

    /// <summary>A fenced or indented code block, shown as text with a copy button.</summary>
    public sealed record Code(string Text, string? Language) : DocSegment;
}
