using System.Collections.Frozen;

namespace Wekeza.Portal.Docs;

/// <summary>
/// The documentation the portal serves: the markdown files embedded in this assembly at build time (docs/*.md and the
/// README), each rendered once, on first use. Nothing a request carries reaches the markdown: a request only picks a
/// page by its slug.
/// </summary>
public static class DocsLibrary
{
    public const string BasePath = "/docs";

    private static readonly Lazy<Library> Loaded = new(Load);

    /// <summary>Every page: the catalog's in its order, then any other embedded file by name.</summary>
    public static IReadOnlyList<DocPage> Pages => Loaded.Value.Pages;

    /// <summary>The page with this slug (any case), or null.</summary>
    public static DocPage? Find(string? slug) =>
        slug is not null && Loaded.Value.BySlug.TryGetValue(slug, out var page) ? page : null;

    public static string HrefFor(string slug) => $"{BasePath}/{slug}";

    private sealed record Library(IReadOnlyList<DocPage> Pages, FrozenDictionary<string, DocPage> BySlug);

    private static Library Load()
    {
        var assembly = typeof(DocsLibrary).Assembly;
        // The csproj names each resource by its path in the repository (docs/errors.md, README.md).
        var sources = assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(name => name, name => Read(assembly, name), StringComparer.Ordinal);

        var catalog = DocsCatalog.Entries.Where(entry => sources.ContainsKey(entry.SourcePath)).ToList();
        var others = sources.Keys
            .Where(path => DocsCatalog.Entries.All(entry => entry.SourcePath != path))
            .Order(StringComparer.Ordinal)
            .Select(path => new DocsCatalog.Entry(path, SlugFor(path), Title: "", Summary: ""));
        var entries = catalog.Concat(others).ToList();

        var slugsByPath = entries.ToDictionary(entry => entry.SourcePath, entry => entry.Slug, StringComparer.Ordinal);
        var pages = entries.Select(entry => DocsMarkdown.Render(entry, sources[entry.SourcePath], slugsByPath)).ToList();
        return new Library(pages, pages.ToFrozenDictionary(page => page.Slug, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>A file the catalog does not name is served under its name: docs/faq.md at /docs/faq.</summary>
    internal static string SlugFor(string sourcePath) => Path.GetFileNameWithoutExtension(sourcePath).ToLowerInvariant();

    private static string Read(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded doc {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
