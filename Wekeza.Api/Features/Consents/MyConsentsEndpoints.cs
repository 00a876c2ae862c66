using Wekeza.Banking.Consents;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;
using Wekeza.Api.Features.Shared;
using Wekeza.Api.Security;

namespace Wekeza.Api.Features.Consents;

/// <summary>
/// <c>/v1/me/consents</c>: the signed-in person's consents (the portal's "My consents"), with a person's token carrying
/// <c>consents.manage</c>. A consent belongs to the customer who decided it; anyone else's is 404.
/// </summary>
internal static class MyConsentsEndpoints
{
    public static RouteGroupBuilder MapMyConsents(this RouteGroupBuilder v1)
    {
        var mine = v1.MapGroup("/me/consents").RequireScope(ApiScopes.ConsentsManage).WithTags("My consents");
        mine.MapGet("/", ListAsync).WithName("ListMyConsents").WithSummary("The signed-in customer's consents, newest first")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        mine.MapGet("/{consentId}", GetAsync).WithName("GetMyConsent").WithSummary("One of the customer's consents, with its history")
            .ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapDelete("/{consentId}", RevokeAsync).WithName("RevokeMyConsent").WithSummary("The customer withdraws a consent")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return v1;
    }

    private static async Task<Results<Ok<ListResponse<ConsentView>>, ProblemHttpResult>> ListAsync(
        BankDbContext db, TimeProvider clock, HttpContext context)
    {
        if (CallerApp.PersonOf(context.User) is not { } subject)
        {
            return ConsentProblems.PersonTokenRequired();
        }

        return TypedResults.Ok(await ConsentViews.ListAsync(db.Consents.Where(c => c.CustomerSubject == subject), 200, db, clock, context));
    }

    private static async Task<Results<Ok<ConsentView>, ProblemHttpResult>> GetAsync(
        string consentId, BankDbContext db, TimeProvider clock, HttpContext context)
    {
        if (CallerApp.PersonOf(context.User) is not { } subject)
        {
            return ConsentProblems.PersonTokenRequired();
        }

        if (await FindTheirsAsync(consentId, subject, db, tracked: false, context.RequestAborted) is not { } consent)
        {
            return ConsentProblems.Unknown(consentId);
        }

        return TypedResults.Ok(await ConsentViews.DetailAsync(consent, db, clock, context.RequestAborted));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string consentId, BankDbContext db, ConsentStore store, TimeProvider clock, HttpContext context)
    {
        if (CallerApp.PersonOf(context.User) is not { } subject)
        {
            return ConsentProblems.PersonTokenRequired();
        }

        if (await FindTheirsAsync(consentId, subject, db, tracked: true, context.RequestAborted) is not { } consent)
        {
            return ConsentProblems.Unknown(consentId);
        }

        return await ConsentChanges.RevokeAsync(consent, $"customer:{subject}", store, clock, context);
    }

    private static async Task<Consent?> FindTheirsAsync(string consentId, string subject, BankDbContext db, bool tracked, CancellationToken cancellationToken)
    {
        if (!ConsentIds.IsWellFormed(consentId))
        {
            return null;
        }

        var consents = tracked ? db.Consents : db.Consents.AsNoTracking();
        return await consents.Include(c => c.Events)
            .SingleOrDefaultAsync(c => c.Id == consentId && c.CustomerSubject == subject, cancellationToken);
    }
}

/// <summary>Consents as people see them (My consents, the admin lookup), with the accounts they share read in one query.</summary>
internal static class ConsentViews
{
    /// <summary>Up to <paramref name="limit"/> of <paramref name="consents"/>, newest first, in the list envelope.</summary>
    public static async Task<ListResponse<ConsentView>> ListAsync(IQueryable<Consent> consents, int limit, BankDbContext db, TimeProvider clock,
        HttpContext context)
    {
        var page = await consents.AsNoTracking().OrderByDescending(c => c.CreatedAt).Take(limit).ToListAsync(context.RequestAborted);
        var accounts = await AccountsOfAsync(db, page, context.RequestAborted);
        var now = clock.GetUtcNow();
        return new ListResponse<ConsentView>([.. page.Select(c => ConsentView.From(c, accounts, now, withEvents: false))],
            new ListLinks(context.Request.GetEncodedUrl()), new ListMeta(TotalPages: 1));
    }

    /// <summary>One consent with its audit trail (its events must be loaded).</summary>
    public static async Task<ConsentView> DetailAsync(Consent consent, BankDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        ConsentView.From(consent, await AccountsOfAsync(db, [consent], cancellationToken), clock.GetUtcNow(), withEvents: true);

    private static async Task<IReadOnlyDictionary<string, Account>> AccountsOfAsync(BankDbContext db, IReadOnlyCollection<Consent> consents,
        CancellationToken cancellationToken)
    {
        var ids = consents.SelectMany(c => c.AccountIds).Distinct(StringComparer.Ordinal).ToArray();
        return ids.Length == 0
            ? new Dictionary<string, Account>()
            : await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, cancellationToken);
    }
}
