namespace Wekeza.Auth.Features.GoLive;

/// <summary>A production request as the go-live APIs show it, with its audit trail, oldest first.</summary>
public sealed record ProductionRequestResponse(
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
    IReadOnlyList<ProductionRequestEventResponse> Events);

public sealed record ProductionRequestEventResponse(string ActorId, string ActorEmail, string? FromState, string ToState, string? Note, DateTimeOffset At);

/// <summary>A request in the admin's list: enough to pick one.</summary>
public sealed record ProductionRequestSummary(
    string Id, string AppId, string AppName, string SandboxClientId, string? OwnerEmail, string? LegalName, string State,
    DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt);

/// <summary>Every app, for admins: its environment, owner and where its production request stands.</summary>
public sealed record AdminAppSummary(
    string Id, string ClientId, string Name, string Environment, string? OwnerEmail, string? SandboxAppId,
    string? ProductionRequestId, string? ProductionRequestState, DateTimeOffset CreatedAt);

/// <summary>An admin's decision: the note is required to reject (the developer reads it), optional to approve.</summary>
public sealed record DecisionRequest(string? Note);
