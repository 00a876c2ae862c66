namespace Wekeza.Portal.Docs;

/// <summary>
/// The pages the docs' navigation lists, in reading order, with their addresses and one-line summaries. A markdown
/// file that is embedded but not listed here is still served, after these, under its file name and its own h1.
/// </summary>
public static class DocsCatalog
{
    public sealed record Entry(string SourcePath, string Slug, string Title, string Summary);

    public const string GettingStarted = "getting-started";

    /// <summary>The page the navigation puts the API's own reference (Scalar, served by the api) after.</summary>
    public const string ApiReferenceAfter = "api-guide";

    public static readonly IReadOnlyList<Entry> Entries =
    [
        new("docs/getting-started.md", GettingStarted, "Getting started",
            "From sign-up to your first sandbox call in under five minutes."),
        new("docs/authentication.md", "authentication", "Authentication and consent",
            "App tokens and customer tokens, scopes, refresh tokens and the consent lifecycle, with sequence diagrams."),
        new("docs/api-guide.md", "api-guide", "API guide",
            "Every endpoint with curl examples: consents, accounts, payments, idempotency, webhooks and events."),
        new("docs/sandbox.md", "sandbox", "Sandbox",
            "The test customers and their accounts, and the magic values that make each outcome happen."),
        new("docs/webhooks.md", "webhooks", "Webhooks",
            "Event types and payloads, delivery and retries, and signature verification in C#, JavaScript and Python."),
        new("docs/going-live.md", "going-live", "Going live",
            "From sandbox to production: the request, the administrator's review, your production app and its secret."),
        new("docs/errors.md", "errors", "Errors",
            "Every error code the platform answers with: what it means and what to do about it."),
        new("docs/architecture.md", "architecture", "Architecture",
            "How the platform is built: the services, their data, messaging, and why."),
        new("docs/observability.md", "observability", "Observability",
            "Metrics, the Prometheus the local stack runs, and every alert: what it means and what to do."),
        new("docs/changelog.md", "changelog", "Changelog and versioning",
            "How the API is versioned, what counts as a breaking change, and what changed when."),
        new("README.md", "running-locally", "Running the platform locally",
            "Start the whole platform on your machine, trust its certificate authority and read its mail."),
    ];
}
