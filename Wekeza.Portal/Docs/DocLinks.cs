using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Wekeza.Portal.Docs;

/// <summary>
/// Turns the links the docs write for GitHub (<c>errors.md#some-anchor</c>, <c>../README.md</c>) into the portal's
/// routes (<c>/docs/errors#some-anchor</c>), and links that lead nowhere a reader of the portal can follow (repository
/// files that are not docs, unknown schemes) into plain text.
/// </summary>
internal static class DocLinks
{
    public static void Rewrite(MarkdownDocument document, string sourcePath, string slug, IReadOnlyDictionary<string, string> slugsByPath)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var url = link.Url?.Trim() ?? "";
            if (url.StartsWith('#'))
            {
                // With the portal's <base href="/">, a bare "#anchor" would lead to the home page.
                link.Url = DocsLibrary.HrefFor(slug) + url;
            }
            else if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
            {
                // Already a portal route (/docs/sandbox, /apps).
            }
            else if (Uri.TryCreate(url, UriKind.Absolute, out var absolute))
            {
                RewriteAbsolute(link, absolute);
            }
            else if (!link.IsImage && ResolveRepositoryPath(sourcePath, url) is var (path, fragment) && path is not null)
            {
                if (slugsByPath.TryGetValue(path, out var target))
                {
                    link.Url = DocsLibrary.HrefFor(target) + fragment;
                }
                else if (Path.GetDirectoryName(path) == "docs" && path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                {
                    // A doc that does not exist: kept as a docs route so the link check in the tests names it.
                    link.Url = DocsLibrary.HrefFor(DocsLibrary.SlugFor(path)) + fragment;
                }
                else
                {
                    Unwrap(link, path);
                }
            }
            else
            {
                Unwrap(link, repositoryPath: null);
            }
        }
    }

    private static void RewriteAbsolute(LinkInline link, Uri absolute)
    {
        if (absolute.Scheme is "http" or "https")
        {
            if (!link.IsImage)
            {
                link.GetAttributes().AddPropertyIfNotExist("target", "_blank");
                link.GetAttributes().AddPropertyIfNotExist("rel", "noopener noreferrer");
            }
        }
        else if (absolute.Scheme != "mailto" || link.IsImage)
        {
            // javascript:, data:, file: and the like have no place in a doc.
            Unwrap(link, repositoryPath: null);
        }
    }

    /// <summary>The path relative to the repository's root and the #fragment; a null path climbs out of it.</summary>
    internal static (string? Path, string Fragment) ResolveRepositoryPath(string sourcePath, string url)
    {
        var hash = url.IndexOf('#');
        var fragment = hash < 0 ? "" : url[hash..];
        var relative = hash < 0 ? url : url[..hash];
        var query = relative.IndexOf('?');
        if (query >= 0)
        {
            relative = relative[..query];
        }

        var segments = new List<string>(sourcePath.Split('/')[..^1]);
        foreach (var segment in Uri.UnescapeDataString(relative).Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (segments.Count == 0)
                    {
                        return (null, fragment);
                    }

                    segments.RemoveAt(segments.Count - 1);
                    break;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        return (segments.Count == 0 ? null : string.Join('/', segments), fragment);
    }

    /// <summary>Replaces the link by its text; for a repository file, says where that file is.</summary>
    private static void Unwrap(LinkInline link, string? repositoryPath)
    {
        var text = DocsMarkdown.PlainText(link);
        foreach (var child in link.ToList())
        {
            child.Remove();
            link.InsertBefore(child);
        }

        if (repositoryPath is not null && text.Trim() != repositoryPath)
        {
            link.InsertBefore(new LiteralInline(" ("));
            link.InsertBefore(new CodeInline(repositoryPath));
            link.InsertBefore(new LiteralInline(" in the repository)"));
        }

        link.Remove();
    }
}
