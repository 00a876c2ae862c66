using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using Wekeza.Auth.Server;
using Wekeza.ServiceDefaults.Sandbox;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Data;

/// <summary>
/// What authdb must hold before the service starts: the roles, the API scopes with their audiences, the portal's
/// client and (where configured) an administrator. Run by the one-shot migrate step, so replicas never race it;
/// idempotent, so every start brings the data in line with configuration.
/// </summary>
public sealed class AuthSeeder(
    RoleManager<IdentityRole> roles,
    UserManager<WekezaUser> users,
    IOpenIddictScopeManager scopes,
    IOpenIddictApplicationManager applications,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<AuthSeeder> logger)
{
    public const string PortalSection = "Auth:Clients:Portal";
    public const string ServiceSection = "Auth:Clients:Service";
    public const string DefaultServiceClientId = "wekeza-auth";
    public const string AdminSection = "Auth:Admin";
    public const string DefaultPortalClientId = "wekeza-portal";
    public const string TestCustomersKey = "Auth:SeedTestCustomers";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        await SeedScopesAsync(cancellationToken);
        await SeedPortalAsync(cancellationToken);
        await SeedServiceClientAsync(cancellationToken);
        await SeedAdminAsync();
        if (configuration.GetValue<bool>(TestCustomersKey))
        {
            await SeedTestCustomersAsync();
        }
    }

    /// <summary>
    /// The sandbox's test customers (docs/sandbox.md), with the subject ids the bank's ledger knows them by. Only when
    /// <c>Auth:SeedTestCustomers</c> is true: the local stack and tests, never production. Per person, so a persona
    /// added to <see cref="TestCustomers"/> since a stack was first seeded is created at its next start.
    /// </summary>
    private async Task SeedTestCustomersAsync()
    {
        var created = 0;
        foreach (var persona in TestCustomers.All)
        {
            if (await users.FindByIdAsync(persona.Subject) is not null)
            {
                continue;
            }

            var customer = new WekezaUser
            {
                Id = persona.Subject, UserName = persona.Email, Email = persona.Email, EmailConfirmed = true,
                DisplayName = persona.Name, CreatedAt = clock.GetUtcNow(),
            };
            Check(await users.CreateAsync(customer, TestCustomers.Password), $"create test customer {persona.Email}");
            Check(await users.AddToRoleAsync(customer, Roles.Customer), $"make {persona.Email} a customer");
            created++;
        }

        logger.LogInformation("{Count} test customers are in place ({Created} created now)", TestCustomers.All.Count, created);
    }

    private async Task SeedScopesAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in ScopeCatalog.All.Where(scope => scope.Audience is not null))
        {
            var descriptor = new OpenIddictScopeDescriptor { Name = entry.Name, DisplayName = entry.DisplayName, Description = entry.Description };
            descriptor.Resources.Add(entry.Audience!);

            if (await scopes.FindByNameAsync(entry.Name, cancellationToken) is { } existing)
            {
                await scopes.UpdateAsync(existing, descriptor, cancellationToken);
            }
            else
            {
                await scopes.CreateAsync(descriptor, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The portal: a first-party confidential client (its users need not consent to it), code flow with PKCE and
    /// refresh tokens, allowed to manage apps, a person's consents and an app's webhooks. Skipped when not configured
    /// (a deployment without the portal). On an existing stack the update replaces the client's permissions with
    /// these, so a scope added here reaches the portal at the next start (its users get it at their next sign-in: a
    /// refresh token never widens the scopes it was issued with).
    /// </summary>
    private async Task SeedPortalAsync(CancellationToken cancellationToken)
    {
        var section = configuration.GetSection(PortalSection);
        var secret = section["ClientSecret"];
        var baseUrl = section["BaseUrl"];
        if (string.IsNullOrWhiteSpace(secret) || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var portal))
        {
            logger.LogInformation("No portal client configured ({Section}:ClientSecret and BaseUrl); skipping it", PortalSection);
            return;
        }

        var withSlash = new Uri(portal.AbsoluteUri.TrimEnd('/') + "/");
        var clientId = section["ClientId"] ?? DefaultPortalClientId;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "Wekeza developer portal",
            RedirectUris = { new Uri(withSlash, "signin-oidc") },
            PostLogoutRedirectUris = { new Uri(withSlash, "signout-callback-oidc") },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.PushedAuthorization, Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Email, Permissions.Scopes.Roles,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess, Permissions.Prefixes.Scope + ScopeCatalog.AppsManage,
                Permissions.Prefixes.Scope + ScopeCatalog.ConsentsManage, Permissions.Prefixes.Scope + ScopeCatalog.WebhooksManage,
                Permissions.Prefixes.Scope + ScopeCatalog.SandboxManage,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };

        await UpsertClientAsync(descriptor, cancellationToken);
        logger.LogInformation("Portal client {ClientId} registered for {Portal}", clientId, withSlash);
    }

    /// <summary>
    /// Auth's own client: the consent screen calls the bank API with it (client credentials, <c>consents.authorise</c>,
    /// which no other client is granted). Skipped when not configured; then apps cannot obtain consented tokens.
    /// </summary>
    private async Task SeedServiceClientAsync(CancellationToken cancellationToken)
    {
        var section = configuration.GetSection(ServiceSection);
        if (section["ClientSecret"] is not { Length: > 0 } secret)
        {
            logger.LogInformation("No service client configured ({Section}:ClientSecret); skipping it", ServiceSection);
            return;
        }

        var clientId = section["ClientId"] ?? DefaultServiceClientId;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "Wekeza auth (consent screen)",
            Permissions =
            {
                Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + ScopeCatalog.ConsentsAuthorise,
            },
        };

        await UpsertClientAsync(descriptor, cancellationToken);
    }

    /// <summary>Brings a first-party client in line with its descriptor, creating it the first time.</summary>
    private async Task UpsertClientAsync(OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }

    /// <summary>The local stack's administrator. Its password is only set when the account is created.</summary>
    private async Task SeedAdminAsync()
    {
        var email = configuration[$"{AdminSection}:Email"];
        var password = configuration[$"{AdminSection}:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        var admin = await users.FindByEmailAsync(email);
        if (admin is null)
        {
            admin = new WekezaUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Platform administrator", CreatedAt = clock.GetUtcNow() };
            Check(await users.CreateAsync(admin, password), $"create the administrator {email}");
            logger.LogInformation("Administrator {Email} created", email);
        }

        foreach (var role in new[] { Roles.Admin, Roles.Developer })
        {
            if (!await users.IsInRoleAsync(admin, role))
            {
                Check(await users.AddToRoleAsync(admin, role), $"give {email} the {role} role");
            }
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
