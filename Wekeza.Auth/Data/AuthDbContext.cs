using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Wekeza.Auth.Features.Apps;

namespace Wekeza.Auth.Data;

/// <summary>
/// authdb: people (ASP.NET Core Identity), OpenIddict's applications, authorizations, scopes and tokens (mapped by
/// <c>UseOpenIddict()</c> on the options), and what we know about each app beyond OpenIddict's client.
/// </summary>
public sealed class AuthDbContext(DbContextOptions<AuthDbContext> options)
    : IdentityDbContext<WekezaUser, IdentityRole, string>(options)
{
    public DbSet<AppRegistration> Apps => Set<AppRegistration>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<WekezaUser>(user => user.Property(u => u.DisplayName).HasMaxLength(100));
        builder.Entity<AppRegistration>(AppRegistration.Configure);
    }
}
