using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using Wekeza.Auth.Data;
using Wekeza.Auth.Server;
using Wekeza.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Features.Apps;

/// <summary>
/// <c>/v1/apps</c>: developers manage their apps with an access token for auth's own audience (scope
/// <c>apps.manage</c>). The portal is one client of it; any client holding such a token may call it.
/// A developer only ever sees their own apps: someone else's app answers 404, as if it did not exist.
/// </summary>
internal static class AppsApi
{
    public const string Policy = "apps.manage";

    public static IHostApplicationBuilder AddAppsApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasScope(ScopeCatalog.AppsManage))
            .RequireAssertion(context => context.User.HasClaim(Claims.Role, Roles.Developer) || context.User.HasClaim(Claims.Role, Roles.Admin)));
        builder.Services.AddScoped<AppClients>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAppsApi(this IEndpointRouteBuilder app)
    {
        var apps = app.MapGroup("/v1/apps").RequireAuthorization(Policy).WithTags("Apps");
        apps.MapGet("/scopes", ListScopes);
        apps.MapGet("/", ListAsync);
        apps.MapGet("/{id}", GetAsync);
        apps.MapPost("/", CreateApp.HandleAsync);
        apps.MapPatch("/{id}", UpdateApp.HandleAsync);
        apps.MapPost("/{id}/secret", RotateSecret.HandleAsync);
        apps.MapDelete("/{id}", DeleteAsync);
        return app;
    }

    internal static string OwnerOf(HttpContext context) =>
        context.User.GetClaim(Claims.Subject) ?? throw new InvalidOperationException("The policy admits only tokens with a subject.");

    internal static Task<AppRegistration?> FindOwnAsync(AuthDbContext db, HttpContext context, string id) =>
        db.Apps.SingleOrDefaultAsync(app => app.Id == id && app.OwnerId == OwnerOf(context), context.RequestAborted);

    internal static ProblemHttpResult Invalid(Dictionary<string, string[]> errors, string title) => ValidationProblems.Result(errors, title);

    internal static ProblemHttpResult NotFound(string id) => ProblemCatalog.AppNotFound.Result($"You have no app with id '{id}'.");

    private static Ok<ListOf<ScopeResponse>> ListScopes() =>
        TypedResults.Ok(new ListOf<ScopeResponse>([.. ScopeCatalog.ForApps.Select(scope => new ScopeResponse(scope.Name, scope.DisplayName))]));

    private static async Task<Ok<ListOf<AppResponse>>> ListAsync(AuthDbContext db, AppClients clients, HttpContext context)
    {
        var owner = OwnerOf(context);
        var registrations = await db.Apps.Where(app => app.OwnerId == owner).OrderByDescending(app => app.CreatedAt).ToListAsync(context.RequestAborted);
        return TypedResults.Ok(new ListOf<AppResponse>(await clients.DescribeAllAsync(registrations, context.RequestAborted)));
    }

    private static async Task<Results<Ok<AppResponse>, ProblemHttpResult>> GetAsync(string id, AuthDbContext db, AppClients clients, HttpContext context) =>
        await FindOwnAsync(db, context, id) is { } registration
            ? TypedResults.Ok(await clients.DescribeAsync(registration, context.RequestAborted))
            : NotFound(id);

    /// <summary>The app and its client go together; OpenIddict removes the client's authorizations and tokens with it.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, AuthDbContext db, IOpenIddictApplicationManager applications, HttpContext context)
    {
        if (await FindOwnAsync(db, context, id) is not { } registration)
        {
            return NotFound(id);
        }

        await db.InTransactionAsync(async cancellationToken =>
        {
            if (await applications.FindByClientIdAsync(registration.ClientId, cancellationToken) is { } client)
            {
                await applications.DeleteAsync(client, cancellationToken);
            }

            db.Apps.Remove(registration);
            await db.SaveChangesAsync(cancellationToken);
        }, context.RequestAborted);

        return TypedResults.NoContent();
    }
}
