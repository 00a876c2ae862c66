using Wekeza.Banking.Consents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;
using Wekeza.Api.Security;

namespace Wekeza.Api.Features.Consents;

/// <summary>
/// <c>/v1/consents</c>: an app creates a consent with its own client-credentials token, reads it, and revokes it.
/// Only the app that created a consent can see it: another app's consent, or an id that does not exist, is 404.
/// </summary>
internal static class ConsentsEndpoints
{
    public static RouteGroupBuilder MapConsents(this RouteGroupBuilder v1)
    {
        var consents = v1.MapGroup("/consents").RequireScope(ApiScopes.AccountsRead).WithTags("Consents");
        consents.MapPost("/", CreateAsync).WithName("CreateConsent").WithSummary("Create an account-access consent")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status403Forbidden);
        consents.MapGet("/{consentId}", GetAsync).WithName("GetConsent").WithSummary("Read a consent and its status")
            .ProducesProblem(StatusCodes.Status404NotFound);
        consents.MapDelete("/{consentId}", RevokeAsync).WithName("RevokeConsent").WithSummary("Revoke a consent")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Results<Created<ConsentResponse>, ProblemHttpResult>> CreateAsync(
        CreateConsentRequest? request, BankDbContext db, TimeProvider clock, HttpContext context)
    {
        if (CallerApp.Of(context.User) is not { IsActingForItself: true } app)
        {
            return ConsentProblems.AppTokenRequired();
        }

        var now = clock.GetUtcNow();
        var errors = request is null ? new() { [""] = ["Send a JSON body with permissions and expiresAt."] } : ConsentRules.Check(request, now);
        if (errors.Count > 0)
        {
            return ConsentProblems.Invalid(errors);
        }

        var consent = Consent.Create(app.ClientId, [.. request!.Permissions!], request.ExpiresAt!.Value,
            request.TransactionFromDateTime, request.TransactionToDateTime, now, context.Connection.RemoteIpAddress?.ToString());
        db.Consents.Add(consent);
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Created($"/v1/consents/{consent.Id}", ConsentResponse.From(consent, now));
    }

    private static async Task<Results<Ok<ConsentResponse>, ProblemHttpResult>> GetAsync(
        string consentId, BankDbContext db, TimeProvider clock, HttpContext context)
    {
        if (await FindOwnAsync(consentId, db, context) is not { } consent)
        {
            return ConsentProblems.NotFound(consentId);
        }

        return TypedResults.Ok(ConsentResponse.From(consent, clock.GetUtcNow()));
    }

    /// <summary>
    /// The app withdraws the consent: it becomes Revoked (with an audit event and a <c>consent.revoked</c> outbox
    /// message, in one transaction). Revoking one that is already over succeeds and changes nothing.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string consentId, BankDbContext db, ConsentStore store, TimeProvider clock, HttpContext context)
    {
        if (await FindOwnAsync(consentId, db, context) is not { } consent)
        {
            return ConsentProblems.NotFound(consentId);
        }

        return await ConsentChanges.RevokeAsync(consent, $"app:{consent.ClientId}", store, clock, context);
    }

    private static async Task<Consent?> FindOwnAsync(string consentId, BankDbContext db, HttpContext context)
    {
        var app = CallerApp.Of(context.User);
        if (app is null || !ConsentIds.IsAccountConsent(consentId))
        {
            return null;
        }

        return await db.Consents.Include(c => c.Events)
            .SingleOrDefaultAsync(c => c.Id == consentId && c.ClientId == app.ClientId, context.RequestAborted);
    }
}
