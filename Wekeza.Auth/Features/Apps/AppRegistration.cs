using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Wekeza.Auth.Features.Apps;

/// <summary>
/// A developer's app: our metadata beside the OpenIddict client that holds its credentials, redirect URIs and
/// permissions. The two are created, changed and deleted in one database transaction.
/// </summary>
public sealed class AppRegistration
{
    public required string Id { get; init; }

    public required string ClientId { get; init; }

    public required string OwnerId { get; init; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public required string Environment { get; init; }

    public required string Status { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SecretRotatedAt { get; set; }

    /// <summary>For a production app, the sandbox app it went live from; null for a sandbox app.</summary>
    public string? SandboxAppId { get; init; }

    internal static void Configure(EntityTypeBuilder<AppRegistration> app)
    {
        app.ToTable("apps");
        app.HasKey(a => a.Id);
        app.Property(a => a.Id).HasMaxLength(40);
        app.Property(a => a.ClientId).HasMaxLength(100);
        app.HasIndex(a => a.ClientId).IsUnique();
        app.Property(a => a.OwnerId).HasMaxLength(450);
        app.HasIndex(a => a.OwnerId);
        app.Property(a => a.Name).HasMaxLength(AppRules.NameMaxLength);
        app.Property(a => a.Description).HasMaxLength(AppRules.DescriptionMaxLength);
        app.Property(a => a.Environment).HasMaxLength(20);
        app.Property(a => a.Status).HasMaxLength(20);
        app.Property(a => a.SandboxAppId).HasMaxLength(40);
        // One production app per sandbox app, even if two approvals raced past every other check.
        app.HasIndex(a => a.SandboxAppId).IsUnique();
    }
}

public static class AppEnvironments
{
    public const string Sandbox = "sandbox";
    public const string Production = "production";
}

public static class AppStatuses
{
    public const string Active = "active";
}
