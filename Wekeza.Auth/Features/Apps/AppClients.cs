using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using Wekeza.Auth.Data;
using Wekeza.Auth.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Features.Apps;

/// <summary>The OpenIddict client behind each app: what it may do, and reading that back for the API.</summary>
public sealed class AppClients(IOpenIddictApplicationManager applications, AuthDbContext db)
{
    /// <summary>
    /// A developer's app is a confidential client: code flow with PKCE (S256, required) and refresh tokens for acting
    /// for a customer, client credentials for acting as itself; only the API scopes it was granted, plus the OpenID
    /// scopes of sign-in. Customers consent to it explicitly.
    /// </summary>
    public static OpenIddictApplicationDescriptor Describe(string clientId, string secret, string name, IEnumerable<string> redirectUris, IEnumerable<string> scopes)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Explicit,
            DisplayName = name,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.PushedAuthorization, Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation, Permissions.Endpoints.Introspection, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.GrantTypes.ClientCredentials,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Email, Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };

        foreach (var uri in redirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        foreach (var scope in scopes.Distinct(StringComparer.Ordinal))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        return descriptor;
    }

    public async Task<AppResponse> DescribeAsync(AppRegistration registration, CancellationToken cancellationToken) =>
        (await DescribeAllAsync([registration], cancellationToken))[0];

    /// <summary>Several apps with their clients, read in one query rather than one per app.</summary>
    public async Task<IReadOnlyList<AppResponse>> DescribeAllAsync(IReadOnlyList<AppRegistration> registrations, CancellationToken cancellationToken)
    {
        var clientIds = registrations.Select(r => r.ClientId).ToList();
        var clients = await db.Set<OpenIddictEntityFrameworkCoreApplication>().AsNoTracking()
            .Where(client => clientIds.Contains(client.ClientId!))
            .ToDictionaryAsync(client => client.ClientId!, cancellationToken);

        var responses = new List<AppResponse>(registrations.Count);
        foreach (var registration in registrations)
        {
            var client = clients.GetValueOrDefault(registration.ClientId)
                ?? throw new InvalidOperationException($"App {registration.Id} has no client {registration.ClientId}: they are written together.");
            responses.Add(await DescribeAsync(registration, client, cancellationToken));
        }

        return responses;
    }

    /// <summary>The manager only reads the entity here (its JSON columns); it makes no query.</summary>
    private async Task<AppResponse> DescribeAsync(AppRegistration registration, OpenIddictEntityFrameworkCoreApplication client, CancellationToken cancellationToken)
    {
        var redirectUris = await applications.GetRedirectUrisAsync(client, cancellationToken);
        var permissions = await applications.GetPermissionsAsync(client, cancellationToken);
        var scopes = permissions
            .Where(permission => permission.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(permission => permission[Permissions.Prefixes.Scope.Length..])
            .Where(scope => ScopeCatalog.Find(scope) is { AppsMayRequest: true })
            .Order(StringComparer.Ordinal)
            .ToList();

        return new AppResponse(registration.Id, registration.ClientId, registration.Name, registration.Description,
            registration.Environment, registration.Status, [.. redirectUris], scopes,
            registration.CreatedAt, registration.UpdatedAt, registration.SecretRotatedAt, registration.SandboxAppId);
    }

    /// <summary>The client's current settings, to change some and write back (its hashed secret is kept as is).</summary>
    public async Task<(object Client, OpenIddictApplicationDescriptor Descriptor)> LoadAsync(string clientId, CancellationToken cancellationToken)
    {
        var client = await applications.FindByClientIdAsync(clientId, cancellationToken)
            ?? throw new InvalidOperationException($"No client {clientId}.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, client, cancellationToken);
        return (client, descriptor);
    }

    public ValueTask UpdateAsync(object client, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken) =>
        applications.UpdateAsync(client, descriptor, cancellationToken);
}
