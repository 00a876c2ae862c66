using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Apps;
using Wekeza.ServiceDefaults;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Auth.Features.GoLive;

/// <summary>
/// The administrators' side: read the requests, approve or reject a submitted one. A decision runs under the
/// request's row lock, so two admins deciding at once give exactly one decision (and one production client); the
/// other gets 409. No one decides on a request for an app they own, admin or not.
/// </summary>
internal static class AdminRequests
{
    public static async Task<Results<Ok<ListOf<ProductionRequestSummary>>, ProblemHttpResult>> ListAsync(string? state, AuthDbContext db, HttpContext context)
    {
        if (state is not null && !ProductionRequestStates.All.Contains(state))
        {
            return ProblemCatalog.InvalidRequest.Result($"state must be one of {string.Join(", ", ProductionRequestStates.All)}.",
                new KeyValuePair<string, object?>("parameter", "state"));
        }

        var rows = await (
            from request in db.ProductionRequests.AsNoTracking()
            join app in db.Apps on request.AppId equals app.Id
            join owner in db.Users on request.OwnerId equals owner.Id into owners
            from owner in owners.DefaultIfEmpty()
            where state == null || request.State == state
            orderby request.UpdatedAt descending
            select new ProductionRequestSummary(request.Id, app.Id, app.Name, app.ClientId, owner == null ? null : owner.Email,
                request.LegalName, request.State, request.UpdatedAt, request.SubmittedAt))
            .Take(500).ToListAsync(context.RequestAborted);
        return TypedResults.Ok(new ListOf<ProductionRequestSummary>(rows));
    }

    public static async Task<Results<Ok<ProductionRequestResponse>, ProblemHttpResult>> GetAsync(string id, AuthDbContext db, HttpContext context) =>
        await db.ProductionRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, context.RequestAborted) is { } request
            ? TypedResults.Ok(await GoLiveApi.DescribeAsync(db, request, context.RequestAborted))
            : GoLiveProblems.RequestNotFound(id);

    public static Task<Results<Ok<ProductionRequestResponse>, ProblemHttpResult>> ApproveAsync(
        string id, DecisionRequest? body, AuthDbContext db, ProductionApps productionApps, GoLiveNotices notices, TimeProvider clock, HttpContext context) =>
        DecideAsync(id, body?.Note, approve: true, db, productionApps, notices, clock, context);

    public static Task<Results<Ok<ProductionRequestResponse>, ProblemHttpResult>> RejectAsync(
        string id, DecisionRequest? body, AuthDbContext db, ProductionApps productionApps, GoLiveNotices notices, TimeProvider clock, HttpContext context) =>
        DecideAsync(id, body?.Note, approve: false, db, productionApps, notices, clock, context);

    public static async Task<Ok<ListOf<AdminAppSummary>>> ListAppsAsync(AuthDbContext db, HttpContext context)
    {
        var rows = await (
            from app in db.Apps.AsNoTracking()
            join owner in db.Users on app.OwnerId equals owner.Id into owners
            from owner in owners.DefaultIfEmpty()
            join request in db.ProductionRequests on app.Id equals request.AppId into requests
            from request in requests.DefaultIfEmpty()
            orderby app.CreatedAt descending
            select new AdminAppSummary(app.Id, app.ClientId, app.Name, app.Environment, owner == null ? null : owner.Email,
                app.SandboxAppId, request == null ? null : request.Id, request == null ? null : request.State, app.CreatedAt))
            .Take(1000).ToListAsync(context.RequestAborted);
        return TypedResults.Ok(new ListOf<AdminAppSummary>(rows));
    }

    private static async Task<Results<Ok<ProductionRequestResponse>, ProblemHttpResult>> DecideAsync(
        string id, string? note, bool approve, AuthDbContext db, ProductionApps productionApps, GoLiveNotices notices, TimeProvider clock, HttpContext context)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (!approve && note is null)
        {
            return ValidationProblems.Result(new() { ["note"] = ["Tell the developer why: the note is sent to them with the rejection."] }, "A rejection needs a note");
        }

        if (note?.Length > ProductionRequestRules.NoteMaxLength)
        {
            return ValidationProblems.Result(new() { ["note"] = [$"Keep the note to {ProductionRequestRules.NoteMaxLength} characters or fewer."] }, "The note is too long");
        }

        var actor = await GoLiveApi.ActorAsync(db, context);
        var now = clock.GetUtcNow();
        var outcome = await db.InTransactionAsync<ProblemHttpResult?>(async cancellationToken =>
        {
            if (await GoLiveApi.FindLockedAsync(db, r => r.Id == id, cancellationToken) is not { } request)
            {
                return GoLiveProblems.RequestNotFound(id);
            }

            if (request.OwnerId == actor.Id)
            {
                return GoLiveProblems.OwnApp();
            }

            if (!ProductionRequestRules.AdminMayDecide(request.State))
            {
                return GoLiveProblems.NotSubmitted(request.State);
            }

            var to = approve ? ProductionRequestStates.Approved : ProductionRequestStates.Rejected;
            if (approve)
            {
                var sandbox = await db.Apps.SingleAsync(a => a.Id == request.AppId, cancellationToken);
                var production = await productionApps.CreateAsync(sandbox, request, now, cancellationToken);
                request.ProductionAppId = production.Id;
            }

            db.ProductionRequestEvents.Add(GoLiveApi.Event(request, actor, request.State, to, note, now));
            request.State = to;
            request.DecidedAt = now;
            request.DecisionNote = note;
            request.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }, context.RequestAborted);

        if (outcome is not null)
        {
            return outcome;
        }

        var decided = await db.ProductionRequests.AsNoTracking().SingleAsync(r => r.Id == id, context.RequestAborted);
        var response = await GoLiveApi.DescribeAsync(db, decided, context.RequestAborted);
        await notices.DecidedAsync(response, context.RequestAborted);
        return TypedResults.Ok(response);
    }
}
