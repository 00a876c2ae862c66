using System.Security.Claims;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wekeza.Api.CoreBanking;
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
        if (PersonOf(context.User) is not { } subject)
        {
            return ConsentProblems.PersonTokenRequired();
        }

        var consents = await db.Consents.AsNoTracking().Where(c => c.CustomerSubject == subject)
            .OrderByDescending(c => c.CreatedAt).Take(200).ToListAsync(context.RequestAborted);
        var accounts = await ConsentAccounts.LoadAsync(db, consents, context.RequestAborted);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new ListResponse<ConsentView>(
            [.. consents.Select(c => ConsentView.From(c, accounts, now, withEvents: false))],
            new ListLinks(context.Request.GetEncodedUrl()), new ListMeta(TotalPages: 1)));
    }

    private static async Task<Results<Ok<ConsentView>, ProblemHttpResult>> GetAsync(
        string consentId, BankDbContext db, TimeProvider clock, HttpContext context)
    {
        if (PersonOf(context.User) is not { } subject)
        {
            return ConsentProblems.PersonTokenRequired();
        }

        if (await FindTheirsAsync(consentId, subject, db, tracked: false, context.RequestAborted) is not { } consent)
        {
            return ConsentProblems.Unknown(consentId);
        }

        var accounts = await ConsentAccounts.LoadAsync(db, [consent], context.RequestAborted);
        return TypedResults.Ok(ConsentView.From(consent, accounts, clock.GetUtcNow(), withEvents: true));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string consentId, BankDbContext db, ConsentStore store, TimeProvider clock, HttpContext context)
    {
        if (PersonOf(context.User) is not { } subject)
        {
            return ConsentProblems.PersonTokenRequired();
        }

        if (await FindTheirsAsync(consentId, subject, db, tracked: true, context.RequestAborted) is not { } consent)
        {
            return ConsentProblems.Unknown(consentId);
        }

        return await ConsentChanges.RevokeAsync(consent, $"customer:{subject}", store, clock, context);
    }

    /// <summary>The person behind a token obtained for them (not an app's own token).</summary>
    internal static string? PersonOf(ClaimsPrincipal user) =>
        CallerApp.Of(user) is { IsActingForItself: false } caller ? caller.Subject : null;

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

/// <summary>The accounts a set of consents share, in one query.</summary>
internal static class ConsentAccounts
{
    public static async Task<IReadOnlyDictionary<string, Account>> LoadAsync(BankDbContext db, IReadOnlyCollection<Consent> consents, CancellationToken cancellationToken)
    {
        var ids = consents.SelectMany(c => c.AccountIds).Distinct(StringComparer.Ordinal).ToArray();
        return ids.Length == 0
            ? new Dictionary<string, Account>()
            : await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, cancellationToken);
    }
}
