using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Apps;
using Wekeza.ServiceDefaults;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Auth.Features.GoLive;

/// <summary>
/// The developer's side: one production request per sandbox app, saved as a draft as often as they like, then
/// submitted. Someone else's app answers 404, as the apps API does.
/// </summary>
internal static class DeveloperRequests
{
    public static async Task<Results<Ok<ProductionRequestResponse>, ProblemHttpResult>> GetAsync(string id, AuthDbContext db, HttpContext context)
    {
        if (await AppsApi.FindOwnAsync(db, context, id) is not { } app)
        {
            return GoLiveProblems.AppNotFound(id);
        }

        return await db.ProductionRequests.AsNoTracking().SingleOrDefaultAsync(r => r.AppId == app.Id, context.RequestAborted) is { } request
            ? TypedResults.Ok(await GoLiveApi.DescribeAsync(db, request, context.RequestAborted))
            : GoLiveProblems.RequestNotFound(app.Id);
    }

    /// <summary>Saves the draft (creating it the first time). A rejected request goes back to draft when edited.</summary>
    public static async Task<Results<Ok<ProductionRequestResponse>, ProblemHttpResult>> SaveAsync(
        string id, ProductionRequestFields? body, AuthDbContext db, TimeProvider clock, HttpContext context)
    {
        if (await AppsApi.FindOwnAsync(db, context, id) is not { } app)
        {
            return GoLiveProblems.AppNotFound(id);
        }

        if (app.Environment != AppEnvironments.Sandbox)
        {
            return GoLiveProblems.NotSandbox(id);
        }

        if (body is null)
        {
            return ValidationProblems.Result(new() { [""] = ["Send a JSON body with the request's fields."] }, "The request has no body");
        }

        var errors = ProductionRequestRules.CheckDraft(body);
        if (errors.Count > 0)
        {
            return ValidationProblems.Result(errors, "The draft could not be saved");
        }

        var actor = await GoLiveApi.ActorAsync(db, context);
        var now = clock.GetUtcNow();
        ProblemHttpResult? outcome;
        try
        {
            outcome = await db.InTransactionAsync<ProblemHttpResult?>(async cancellationToken =>
            {
                var request = await GoLiveApi.FindLockedAsync(db, r => r.AppId == app.Id, cancellationToken);
                if (request is not null)
                {
                    if (!ProductionRequestRules.DeveloperMayEdit(request.State))
                    {
                        return GoLiveProblems.NotEditable(request.State);
                    }
                }
                else
                {
                    request = new ProductionRequest
                    {
                        Id = "prq_" + Guid.CreateVersion7(now).ToString("N"), AppId = app.Id, OwnerId = app.OwnerId,
                        State = ProductionRequestStates.Draft, CreatedAt = now,
                    };
                    db.ProductionRequests.Add(request);
                    db.ProductionRequestEvents.Add(GoLiveApi.Event(request, actor, null, ProductionRequestStates.Draft, null, now));
                }

                if (request.State == ProductionRequestStates.Rejected)
                {
                    db.ProductionRequestEvents.Add(GoLiveApi.Event(request, actor, request.State, ProductionRequestStates.Draft, null, now));
                    request.State = ProductionRequestStates.Draft;
                }

                Apply(request, body);
                request.UpdatedAt = now;
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }, context.RequestAborted);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two first saves of the same app's request at once: the unique index let one in; this one changed nothing.
            return GoLiveProblems.Changed();
        }

        return outcome is null ? await GetOkAsync(db, app.Id, context) : outcome;
    }

    /// <summary>Submits the saved draft for review, when it is complete; tells the developer and the administrators.</summary>
    public static async Task<Results<Ok<ProductionRequestResponse>, ProblemHttpResult>> SubmitAsync(
        string id, AuthDbContext db, GoLiveNotices notices, TimeProvider clock, HttpContext context)
    {
        if (await AppsApi.FindOwnAsync(db, context, id) is not { } app)
        {
            return GoLiveProblems.AppNotFound(id);
        }

        var actor = await GoLiveApi.ActorAsync(db, context);
        var now = clock.GetUtcNow();
        var outcome = await db.InTransactionAsync<ProblemHttpResult?>(async cancellationToken =>
        {
            if (await GoLiveApi.FindLockedAsync(db, r => r.AppId == app.Id, cancellationToken) is not { } request)
            {
                return GoLiveProblems.RequestNotFound(app.Id);
            }

            if (!ProductionRequestRules.DeveloperMayEdit(request.State))
            {
                return GoLiveProblems.NotEditable(request.State);
            }

            var errors = ProductionRequestRules.CheckSubmission(Fields(request));
            if (errors.Count > 0)
            {
                return ValidationProblems.Result(errors, "The request is not ready to submit");
            }

            db.ProductionRequestEvents.Add(GoLiveApi.Event(request, actor, request.State, ProductionRequestStates.Submitted, null, now));
            request.State = ProductionRequestStates.Submitted;
            request.SubmittedAt = now;
            request.UpdatedAt = now;
            request.DecisionNote = null;
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }, context.RequestAborted);

        if (outcome is not null)
        {
            return outcome;
        }

        var result = await GetOkAsync(db, app.Id, context);
        await notices.SubmittedAsync(app, result.Value!, context.RequestAborted);
        return result;
    }

    private static async Task<Ok<ProductionRequestResponse>> GetOkAsync(AuthDbContext db, string appId, HttpContext context)
    {
        var request = await db.ProductionRequests.AsNoTracking().SingleAsync(r => r.AppId == appId, context.RequestAborted);
        return TypedResults.Ok(await GoLiveApi.DescribeAsync(db, request, context.RequestAborted));
    }

    private static void Apply(ProductionRequest request, ProductionRequestFields body)
    {
        request.LegalName = Clean(body.LegalName);
        request.RegistrationNumber = Clean(body.RegistrationNumber);
        request.Country = Clean(body.Country)?.ToUpperInvariant();
        request.ContactEmail = Clean(body.ContactEmail);
        request.ContactPhone = Clean(body.ContactPhone);
        request.Website = Clean(body.Website);
        request.UseCase = Clean(body.UseCase);
        request.RedirectUris = [.. (body.RedirectUris ?? []).Select(uri => uri.Trim())];
        request.Scopes = [.. (body.Scopes ?? []).Select(scope => scope.Trim()).Distinct(StringComparer.Ordinal)];
    }

    internal static ProductionRequestFields Fields(ProductionRequest r) =>
        new(r.LegalName, r.RegistrationNumber, r.Country, r.ContactEmail, r.ContactPhone, r.Website, r.UseCase, r.RedirectUris, r.Scopes);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
