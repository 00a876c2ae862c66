using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Auth.Features.GoLive;

/// <summary>
/// A sandbox app's request to go live: at most one per app. Draft until the developer submits it; an admin approves
/// or rejects a submitted one; a rejected one may be edited (back to draft) and submitted again. Every change of
/// state leaves a <see cref="ProductionRequestEvent"/>.
/// </summary>
public sealed class ProductionRequest
{
    public required string Id { get; init; }

    /// <summary>The sandbox app (<c>apps.id</c>) this request would take live.</summary>
    public required string AppId { get; init; }

    public required string OwnerId { get; init; }

    public required string State { get; set; }

    public string? LegalName { get; set; }

    public string? RegistrationNumber { get; set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public string? Website { get; set; }

    public string? UseCase { get; set; }

    public List<string> RedirectUris { get; set; } = [];

    public List<string> Scopes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The admin's note on the last decision (the reason for a rejection).</summary>
    public string? DecisionNote { get; set; }

    /// <summary>The production app (<c>apps.id</c>) made on approval.</summary>
    public string? ProductionAppId { get; set; }

    public List<ProductionRequestEvent> Events { get; init; } = [];

    internal static void Configure(EntityTypeBuilder<ProductionRequest> request)
    {
        request.ToTable("production_requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.Id).HasMaxLength(40);
        request.Property(r => r.AppId).HasMaxLength(40);
        // One request per sandbox app, enforced by the database too.
        request.HasIndex(r => r.AppId).IsUnique();
        request.Property(r => r.OwnerId).HasMaxLength(450);
        request.Property(r => r.State).HasMaxLength(20);
        request.HasIndex(r => r.State);
        request.Property(r => r.LegalName).HasMaxLength(ProductionRequestRules.TextMaxLength);
        request.Property(r => r.RegistrationNumber).HasMaxLength(ProductionRequestRules.ShortMaxLength);
        request.Property(r => r.Country).HasMaxLength(2);
        request.Property(r => r.ContactEmail).HasMaxLength(ProductionRequestRules.ShortMaxLength * 4);
        request.Property(r => r.ContactPhone).HasMaxLength(ProductionRequestRules.ShortMaxLength);
        request.Property(r => r.Website).HasMaxLength(ProductionRequestRules.UriMaxLength);
        request.Property(r => r.UseCase).HasMaxLength(ProductionRequestRules.UseCaseMaxLength);
        request.Property(r => r.DecisionNote).HasMaxLength(ProductionRequestRules.NoteMaxLength);
        request.Property(r => r.ProductionAppId).HasMaxLength(40);
        request.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>One line of a production request's audit trail: who moved it from which state to which, when, and why.</summary>
public sealed class ProductionRequestEvent
{
    public long Id { get; init; }

    public required string RequestId { get; init; }

    public required string ActorId { get; init; }

    public required string ActorEmail { get; init; }

    public string? FromState { get; init; }

    public required string ToState { get; init; }

    public string? Note { get; init; }

    public DateTimeOffset At { get; init; }

    internal static void Configure(EntityTypeBuilder<ProductionRequestEvent> e)
    {
        e.ToTable("production_request_events");
        e.HasKey(x => x.Id);
        e.Property(x => x.RequestId).HasMaxLength(40);
        e.HasIndex(x => x.RequestId);
        e.Property(x => x.ActorId).HasMaxLength(450);
        e.Property(x => x.ActorEmail).HasMaxLength(256);
        e.Property(x => x.FromState).HasMaxLength(20);
        e.Property(x => x.ToState).HasMaxLength(20);
        e.Property(x => x.Note).HasMaxLength(ProductionRequestRules.NoteMaxLength);
    }
}
