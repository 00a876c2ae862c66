using OpenIddict.Abstractions;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Apps;
using Wekeza.Auth.Server;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Auth.Features.GoLive;

/// <summary>
/// Makes the production app an approval promises: a second app row (environment production, linked to the sandbox
/// app) and its own OpenIddict client <c>live_…</c> with the approved scopes and production redirect URIs.
/// </summary>
public sealed class ProductionApps(AuthDbContext db, IOpenIddictApplicationManager applications)
{
    /// <summary>
    /// Runs inside the approval's transaction, so the client, the app and the request's new state commit together
    /// or not at all. The client is made with a random secret that is thrown away here: no one, the approving admin
    /// least of all, ever sees it. The developer gets a usable secret by generating one (the apps API's rotate
    /// endpoint), shown to them once.
    /// </summary>
    public async Task<AppRegistration> CreateAsync(AppRegistration sandbox, ProductionRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var production = new AppRegistration
        {
            Id = "app_" + Guid.CreateVersion7(now).ToString("N"),
            ClientId = ClientSecrets.NewClientId("live"),
            OwnerId = sandbox.OwnerId,
            Name = sandbox.Name,
            Description = sandbox.Description,
            Environment = AppEnvironments.Production,
            Status = AppStatuses.Active,
            SandboxAppId = sandbox.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };

        await applications.CreateAsync(
            AppClients.Describe(production.ClientId, ClientSecrets.NewSecret("live"), production.Name, request.RedirectUris, request.Scopes),
            cancellationToken);
        db.Apps.Add(production);
        return production;
    }
}
