namespace Wekeza.ServiceDefaults.Apps;

// Auth's going-live API (/v1/apps/{id}/production-request, /v1/admin/production-requests, /v1/admin/apps): the shapes
// auth answers with and the portal reads, in one place so the two cannot drift apart.

public static class ProductionRequestStates
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> All = [Draft, Submitted, Approved, Rejected];
}

/// <summary>What the developer writes: the body of <c>PUT /v1/apps/{id}/production-request</c>.</summary>
public sealed record ProductionRequestFields(
    string? LegalName, string? RegistrationNumber, string? Country, string? ContactEmail, string? ContactPhone,
    string? Website, string? UseCase, IReadOnlyList<string>? RedirectUris, IReadOnlyList<string>? Scopes);

/// <summary>A production request with its audit trail, oldest first.</summary>
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

/// <summary>One line of the audit trail: who moved the request from which state to which, when, and why.</summary>
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
