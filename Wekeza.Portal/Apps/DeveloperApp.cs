namespace Wekeza.Portal.Apps;

// The apps API's shapes (issue 3 contract), as the portal reads and writes them.

/// <summary>A developer's app: an OAuth client registered at auth.</summary>
public sealed record DeveloperApp(
    string Id,
    string ClientId,
    string Name,
    string? Description,
    string Environment,
    string Status,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? SecretRotatedAt,
    string? SandboxAppId = null);

/// <summary>An API scope an app may ask for.</summary>
public sealed record ApiScope(string Name, string Description);

public sealed record CreateAppRequest(string Name, string? Description, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> Scopes);

/// <summary>A partial update: null members are left as they are.</summary>
public sealed record UpdateAppRequest(string? Name = null, string? Description = null, IReadOnlyList<string>? RedirectUris = null);

/// <summary>The new app with its secret, which the API returns this once only.</summary>
public sealed record CreatedApp(DeveloperApp App, string ClientSecret);

public sealed record RotatedSecret(string ClientId, string ClientSecret, DateTimeOffset RotatedAt);
