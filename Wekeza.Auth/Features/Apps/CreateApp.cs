using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Wekeza.Auth.Data;
using Wekeza.Auth.Server;

namespace Wekeza.Auth.Features.Apps;

internal static class CreateApp
{
    public sealed record Request(string? Name, string? Description, IReadOnlyList<string>? RedirectUris, IReadOnlyList<string>? Scopes);

    /// <summary>
    /// Creates a sandbox app: a client id with the environment's prefix and a secret shown in this response only.
    /// Only its hash is stored. The OpenIddict client and our record are written in one transaction.
    /// </summary>
    public static async Task<Results<Created<AppCreatedResponse>, ProblemHttpResult>> HandleAsync(
        Request? request,
        AuthDbContext db,
        IOpenIddictApplicationManager applications,
        AppClients clients,
        TimeProvider clock,
        HttpContext context,
        ILoggerFactory loggers)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors[""] = ["Send a JSON body with name, redirectUris and scopes."];
            return AppsApi.Invalid(errors, "The request has no body");
        }

        const string environment = AppEnvironments.Sandbox;
        AppRules.CheckName(request.Name, errors);
        AppRules.CheckDescription(request.Description, errors);
        AppRules.CheckRedirectUris(request.RedirectUris, environment, errors);
        AppRules.CheckScopes(request.Scopes, errors);
        if (errors.Count > 0)
        {
            return AppsApi.Invalid(errors, "The app could not be created");
        }

        var now = clock.GetUtcNow();
        var registration = new AppRegistration
        {
            Id = "app_" + Guid.CreateVersion7(now).ToString("N"),
            ClientId = ClientSecrets.NewClientId("sbx"),
            OwnerId = AppsApi.OwnerOf(context),
            Name = request.Name!.Trim(),
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            Environment = environment,
            Status = AppStatuses.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var secret = ClientSecrets.NewSecret("sbx");

        await db.InTransactionAsync(async cancellationToken =>
        {
            await applications.CreateAsync(AppClients.Describe(registration.ClientId, secret, registration.Name, request.RedirectUris!, request.Scopes!), cancellationToken);
            db.Apps.Add(registration);
            await db.SaveChangesAsync(cancellationToken);
        }, context.RequestAborted);

        loggers.CreateLogger(typeof(CreateApp)).LogInformation("App {AppId} ({ClientId}) created by {OwnerId}", registration.Id, registration.ClientId, registration.OwnerId);
        var app = await clients.DescribeAsync(registration, context.RequestAborted);
        return TypedResults.Created($"/v1/apps/{registration.Id}", new AppCreatedResponse(app, secret));
    }
}
