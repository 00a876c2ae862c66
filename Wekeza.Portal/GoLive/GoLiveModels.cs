namespace Wekeza.Portal.GoLive;

// Auth's going-live API (/v1/apps/{id}/production-request, /v1/admin/…), as the portal reads and writes it.

public static class ProductionRequestStates
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> All = [Draft, Submitted, Approved, Rejected];
}

public sealed record ProductionRequestFields(
    string? LegalName, string? RegistrationNumber, string? Country, string? ContactEmail, string? ContactPhone,
    string? Website, string? UseCase, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> Scopes);

public sealed record ProductionRequest(
    string Id,
    string AppId,
    string AppName,
    string SandboxClientId,
    string OwnerId,
    string? OwnerEmail,
    string State,
    string? LegalName,
    string? RegistrationNumber,
    string? Country,
    string? ContactEmail,
    string? ContactPhone,
    string? Website,
    string? UseCase,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DecidedAt,
    string? DecisionNote,
    string? ProductionAppId,
    string? ProductionClientId,
    IReadOnlyList<ProductionRequestEvent> Events)
{
    public ProductionRequestFields Fields => new(LegalName, RegistrationNumber, Country, ContactEmail, ContactPhone, Website, UseCase, RedirectUris, Scopes);
}

public sealed record ProductionRequestEvent(string ActorId, string ActorEmail, string? FromState, string ToState, string? Note, DateTimeOffset At);

public sealed record ProductionRequestSummary(
    string Id, string AppId, string AppName, string SandboxClientId, string? OwnerEmail, string? LegalName, string State,
    DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt);

public sealed record AdminApp(
    string Id, string ClientId, string Name, string Environment, string? OwnerEmail, string? SandboxAppId,
    string? ProductionRequestId, string? ProductionRequestState, DateTimeOffset CreatedAt);

public sealed record Decision(string? Note);
