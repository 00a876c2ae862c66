namespace Wekeza.Auth.Features.Apps;

/// <summary>An app as the apps API shows it. Never its secret: that is shown once, at creation or rotation.</summary>
public sealed record AppResponse(
    string Id,
    string ClientId,
    string Name,
    string? Description,
    string Environment,
    string Status,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SecretRotatedAt,
    string? SandboxAppId = null);

public sealed record AppCreatedResponse(AppResponse App, string ClientSecret);

public sealed record SecretRotatedResponse(string ClientId, string ClientSecret, DateTimeOffset RotatedAt);

public sealed record ScopeResponse(string Name, string Description);

public sealed record ListOf<T>(IReadOnlyList<T> Data);
