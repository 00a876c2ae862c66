using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Apps;
using Wekeza.Auth.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Auth.Features.GoLive;

/// <summary>
/// Going live: the developer's <c>/v1/apps/{id}/production-request</c> (under the apps API's policy) and the
/// administrators' <c>/v1/admin/production-requests</c> and <c>/v1/admin/apps</c> (same token audience and scope, plus
/// the <c>admin</c> role).
/// </summary>
internal static class GoLiveApi
{
    public const string AdminPolicy = "apps.admin";

    public static IHostApplicationBuilder AddGoLive(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasScope(ScopeCatalog.AppsManage))
            .RequireAssertion(context => context.User.HasClaim(Claims.Role, Roles.Admin)));
        builder.Services.AddScoped<ProductionApps>();
        builder.Services.AddScoped<GoLiveNotices>();
        builder.Services.AddScoped<Email.GoLiveEmails>();
        return builder;
    }

    public static IEndpointRouteBuilder MapGoLive(this IEndpointRouteBuilder app)
    {
        var developer = app.MapGroup("/v1/apps/{id}/production-request").RequireAuthorization(AppsApi.Policy).WithTags("Going live");
        developer.MapGet("/", DeveloperRequests.GetAsync);
        developer.MapPut("/", DeveloperRequests.SaveAsync);
        developer.MapPost("/submit", DeveloperRequests.SubmitAsync);

        var admin = app.MapGroup("/v1/admin").RequireAuthorization(AdminPolicy).WithTags("Going live (admin)");
        admin.MapGet("/production-requests", AdminRequests.ListAsync);
        admin.MapGet("/production-requests/{id}", AdminRequests.GetAsync);
        admin.MapPost("/production-requests/{id}/approve", AdminRequests.ApproveAsync);
        admin.MapPost("/production-requests/{id}/reject", AdminRequests.RejectAsync);
        admin.MapGet("/apps", AdminRequests.ListAppsAsync);
        return app;
    }

    /// <summary>
    /// The request, read under its row lock, which is held for the rest of the transaction: two decisions (or a
    /// decision and a submission) on one request run one after the other, and the second sees the state the first
    /// left. Null when there is none.
    /// </summary>
    public static async Task<ProductionRequest?> FindLockedAsync(AuthDbContext db, Expression<Func<ProductionRequest, bool>> which, CancellationToken cancellationToken)
    {
        if (await db.ProductionRequests.Where(which).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken) is not { } id)
        {
            return null;
        }

        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM production_requests WHERE "Id" = {id} FOR UPDATE""", cancellationToken);
        // Read after the lock (nothing of it is tracked yet), so a caller that waited sees the change before it.
        return await db.ProductionRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    public static ProductionRequestEvent Event(ProductionRequest request, WekezaUser actor, string? from, string to, string? note, DateTimeOffset at) =>
        new()
        {
            RequestId = request.Id, ActorId = actor.Id, ActorEmail = actor.Email ?? actor.Id,
            FromState = from, ToState = to, Note = note, At = at,
        };

    public static async Task<WekezaUser> ActorAsync(AuthDbContext db, HttpContext context) =>
        await db.Users.SingleOrDefaultAsync(user => user.Id == AppsApi.OwnerOf(context), context.RequestAborted)
        ?? throw new InvalidOperationException("The token's subject has no account.");

    public static async Task<ProductionRequestResponse> DescribeAsync(AuthDbContext db, ProductionRequest request, CancellationToken cancellationToken)
    {
        var app = await db.Apps.AsNoTracking().SingleAsync(a => a.Id == request.AppId, cancellationToken);
        var ownerEmail = await db.Users.Where(u => u.Id == request.OwnerId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        var production = request.ProductionAppId is null ? null
            : await db.Apps.AsNoTracking().Where(a => a.Id == request.ProductionAppId).Select(a => a.ClientId).SingleOrDefaultAsync(cancellationToken);
        var events = await db.ProductionRequestEvents.AsNoTracking().Where(e => e.RequestId == request.Id)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new ProductionRequestEventResponse(e.ActorId, e.ActorEmail, e.FromState, e.ToState, e.Note, e.At))
            .ToListAsync(cancellationToken);
        return new ProductionRequestResponse(request.Id, request.AppId, app.Name, app.ClientId, request.OwnerId, ownerEmail, request.State,
            request.LegalName, request.RegistrationNumber, request.Country, request.ContactEmail, request.ContactPhone, request.Website,
            request.UseCase, request.RedirectUris, request.Scopes, request.CreatedAt, request.UpdatedAt, request.SubmittedAt,
            request.DecidedAt, request.DecisionNote, request.ProductionAppId, production, events);
    }
}
