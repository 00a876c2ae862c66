using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;
using Wekeza.Api.Features.Shared;
using Wekeza.Api.Security;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Features.Consents;

/// <summary>
/// <c>/v1/admin/consents</c>: an administrator looks up any consent and its audit trail (a person's token with
/// <c>consents.manage</c> and the admin role). Read only.
/// </summary>
internal static class AdminConsentsEndpoints
{
    public const string AdminRole = "admin";
    private const int Limit = 50;

    public static RouteGroupBuilder MapAdminConsents(this RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin/consents").RequireScope(ApiScopes.ConsentsManage).WithTags("Administration");
        admin.MapGet("/", SearchAsync).WithName("SearchConsents")
            .WithSummary($"Find consents by id, app (client id) or customer (subject); newest first, at most {Limit}")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapGet("/{consentId}", GetAsync).WithName("GetConsentAsAdmin").WithSummary("Any consent, with its full audit trail")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Results<Ok<ListResponse<ConsentView>>, ProblemHttpResult>> SearchAsync(
        string? consentId, string? clientId, string? customerSubject, BankDbContext db, TimeProvider clock, HttpContext context)
    {
        if (!IsAdmin(context))
        {
            return ConsentProblems.AdminRequired();
        }

        if (string.IsNullOrWhiteSpace(consentId) && string.IsNullOrWhiteSpace(clientId) && string.IsNullOrWhiteSpace(customerSubject))
        {
            return ValidationProblems.Result(new() { [""] = ["Give at least one of consentId, clientId or customerSubject."] }, "Nothing to search for");
        }

        var query = db.Consents.AsQueryable();
        if (!string.IsNullOrWhiteSpace(consentId))
        {
            query = query.Where(c => c.Id == consentId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(clientId))
        {
            query = query.Where(c => c.ClientId == clientId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(customerSubject))
        {
            query = query.Where(c => c.CustomerSubject == customerSubject.Trim());
        }

        return TypedResults.Ok(await ConsentViews.ListAsync(query, Limit, db, clock, context));
    }

    private static async Task<Results<Ok<ConsentView>, ProblemHttpResult>> GetAsync(
        string consentId, BankDbContext db, TimeProvider clock, HttpContext context)
    {
        if (!IsAdmin(context))
        {
            return ConsentProblems.AdminRequired();
        }

        var consent = ConsentIds.IsWellFormed(consentId)
            ? await db.Consents.AsNoTracking().Include(c => c.Events).SingleOrDefaultAsync(c => c.Id == consentId, context.RequestAborted)
            : null;
        if (consent is null)
        {
            return ConsentProblems.Unknown(consentId);
        }

        return TypedResults.Ok(await ConsentViews.DetailAsync(consent, db, clock, context.RequestAborted));
    }

    private static bool IsAdmin(HttpContext context) =>
        CallerApp.PersonOf(context.User) is not null && context.User.HasClaim("role", AdminRole);
}
