using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Wekeza.Auth.Features.Apps;
using Wekeza.Auth.Features.GoLive;

namespace Wekeza.Auth.Data;

/// <summary>
/// authdb: people (ASP.NET Core Identity), OpenIddict's applications, authorizations, scopes and tokens (mapped by
/// <c>UseOpenIddict()</c> on the options), and what we know about each app beyond OpenIddict's client.
/// </summary>
public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options)
    : IdentityDbContext<WekezaUser, IdentityRole, string>(options)
{
    public DbSet<AppRegistration> Apps => Set<AppRegistration>();

    public DbSet<ProductionRequest> ProductionRequests => Set<ProductionRequest>();

    public DbSet<ProductionRequestEvent> ProductionRequestEvents => Set<ProductionRequestEvent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<WekezaUser>(user => user.Property(u => u.DisplayName).HasMaxLength(100));
        builder.Entity<AppRegistration>(AppRegistration.Configure);
        builder.Entity<ProductionRequest>(ProductionRequest.Configure);
        builder.Entity<ProductionRequestEvent>(ProductionRequestEvent.Configure);
        // A sandbox app's production request goes with it; its production app (a separate row) stays.
        builder.Entity<ProductionRequest>().HasOne<AppRegistration>().WithMany().HasForeignKey(r => r.AppId).OnDelete(DeleteBehavior.Cascade);
    }
}
