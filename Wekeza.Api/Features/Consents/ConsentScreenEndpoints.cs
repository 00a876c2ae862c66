using Wekeza.Banking.Consents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;
using Wekeza.Api.Security;
using Wekeza.Consents;
using Wekeza.Webhooks;

namespace Wekeza.Api.Features.Consents;

/// <summary>What auth's consent screen shows: the consent, and the signed-in customer's accounts to pick from.</summary>
public sealed record ConsentScreen(
    string ConsentId,
    string ClientId,
    string Status,
    IReadOnlyList<string> Permissions,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? TransactionFromDateTime,
    DateTimeOffset? TransactionToDateTime,
    IReadOnlyList<SharedAccount> Accounts,
    string Kind,
    PaymentSummary? Payment);

public sealed record AuthoriseConsentRequest(string? CustomerSubject, IReadOnlyList<string>? AccountIds, string? AppName, string? AuthorizationId, string? Address);

public sealed record RejectConsentRequest(string? CustomerSubject, string? AppName, string? Address);

/// <summary>
/// <c>/internal/consents</c>: auth's consent screen reads a consent and records the customer's decision. Only auth's
/// service client holds <c>consents.authorise</c>; auth is the one that knows who the customer is and what they
/// clicked. Not part of the public API (left out of the OpenAPI document).
/// </summary>
internal static class ConsentScreenEndpoints
{
    public static IEndpointRouteBuilder MapConsentScreen(this IEndpointRouteBuilder app)
    {
        var screen = app.MapGroup("/internal/consents").RequireScope(ApiScopes.ConsentsAuthorise).ExcludeFromDescription();
        screen.MapGet("/{consentId}", GetAsync);
        screen.MapPost("/{consentId}/authorisation", AuthoriseAsync);
        screen.MapPost("/{consentId}/rejection", RejectAsync);
        return app;
    }

    private static async Task<Results<Ok<ConsentScreen>, ProblemHttpResult>> GetAsync(
        string consentId, string? customerSubject, BankDbContext db, ICoreBanking bank, TimeProvider clock, HttpContext context)
    {
        if (await FindAsync(consentId, db, context, tracked: false) is not { } consent)
        {
            return ConsentProblems.Unknown(consentId);
        }

        var accounts = string.IsNullOrEmpty(customerSubject) || !await SameEnvironmentAsync(db, customerSubject, consent.ClientId, context.RequestAborted)
            ? [] : await bank.AccountsOfAsync(customerSubject, context.RequestAborted);
        // A dormant account can still be read (its history is the customer's), but no payment leaves it.
        var eligible = accounts.Where(a => a.Status is "active" or "dormant");
        if (consent.Initiation is { } payment)
        {
            // A payment leaves an active account in its currency, and the one the app named if it named one.
            eligible = eligible.Where(a => a.Status == "active" && a.Currency == payment.Currency
                && (payment.DebtorAccountId is null || a.Id == payment.DebtorAccountId));
        }

        return TypedResults.Ok(new ConsentScreen(consent.Id, consent.ClientId, consent.StatusAt(clock.GetUtcNow()), consent.Permissions,
            consent.ExpiresAt, consent.TransactionFrom, consent.TransactionTo, [.. eligible.Select(SharedAccount.From)],
            consent.Kind, PaymentSummary.From(consent.Initiation)));
    }

    private static async Task<Results<Ok<ConsentSnapshot>, ProblemHttpResult>> AuthoriseAsync(
        string consentId, AuthoriseConsentRequest? request, BankDbContext db, ICoreBanking bank, ConsentStore store, TimeProvider clock,
        HttpContext context)
    {
        if (request is not { CustomerSubject.Length: > 0, AppName.Length: > 0, AuthorizationId.Length: > 0, AccountIds: not null })
        {
            return ConsentProblems.Invalid(new() { [""] = ["Send customerSubject, accountIds, appName and authorizationId."] });
        }

        if (await FindAsync(consentId, db, context, tracked: true) is not { } consent)
        {
            return ConsentProblems.Unknown(consentId);
        }

        if (!await SameEnvironmentAsync(db, request.CustomerSubject, consent.ClientId, context.RequestAborted))
        {
            return ConsentProblems.Invalid(new()
            {
                ["customerSubject"] = [ClientEnvironments.IsSandbox(consent.ClientId)
                    ? "A sandbox app's consent can only be authorised by a sandbox test customer."
                    : "A production app's consent cannot be authorised by a sandbox test customer."],
            });
        }

        // Only the customer's own accounts can be shared: an id that is not theirs is refused, never ignored.
        var theirs = (await bank.AccountsOfAsync(request.CustomerSubject, context.RequestAborted)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var chosen = request.AccountIds.Distinct(StringComparer.Ordinal).ToList();
        if (chosen.FirstOrDefault(id => !theirs.ContainsKey(id)) is { } foreign)
        {
            return ConsentProblems.Invalid(new() { ["accountIds"] = [$"'{foreign}' is not one of the customer's accounts."] });
        }

        return await DecideAsync(consent, store, context,
            () => consent.Authorise(request.CustomerSubject, [.. chosen.Select(id => theirs[id])], request.AppName, request.AuthorizationId,
                clock.GetUtcNow(), request.Address));
    }

    private static async Task<Results<Ok<ConsentSnapshot>, ProblemHttpResult>> RejectAsync(
        string consentId, RejectConsentRequest? request, BankDbContext db, ConsentStore store, TimeProvider clock, HttpContext context)
    {
        if (request is not { CustomerSubject.Length: > 0, AppName.Length: > 0 })
        {
            return ConsentProblems.Invalid(new() { [""] = ["Send customerSubject and appName."] });
        }

        if (await FindAsync(consentId, db, context, tracked: true) is not { } consent)
        {
            return ConsentProblems.Unknown(consentId);
        }

        return await DecideAsync(consent, store, context,
            () => consent.Reject(request.CustomerSubject, request.AppName, clock.GetUtcNow(), request.Address));
    }

    private static async Task<Results<Ok<ConsentSnapshot>, ProblemHttpResult>> DecideAsync(
        Consent consent, ConsentStore store, HttpContext context, Action decide)
    {
        var before = consent.Status;
        ProblemHttpResult? refusal = null;
        try
        {
            decide();
        }
        catch (ConsentRuleException rule)
        {
            // Refused; an expiry found on the way is still saved below.
            refusal = rule.Field is { } field
                ? ConsentProblems.Invalid(new() { [field] = [rule.Message] })
                : ConsentProblems.Refused(rule);
        }

        try
        {
            await store.SaveAsync(consent, before, context.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ConsentProblems.ChangedMeanwhile(consent.Id);
        }

        return refusal is null ? TypedResults.Ok(consent.Snapshot()) : refusal;
    }

    /// <summary>
    /// Sandbox isolation: a sandbox app sees only the sandbox's test customers, a production app never sees them. A
    /// person unknown to the bank has no accounts either way.
    /// </summary>
    private static async Task<bool> SameEnvironmentAsync(BankDbContext db, string customerSubject, string clientId, CancellationToken cancellationToken)
    {
        var sandbox = await db.Customers.AsNoTracking().Where(c => c.Subject == customerSubject).Select(c => (bool?)c.Sandbox)
            .SingleOrDefaultAsync(cancellationToken);
        return sandbox is null || sandbox == ClientEnvironments.IsSandbox(clientId);
    }

    private static async Task<Consent?> FindAsync(string consentId, BankDbContext db, HttpContext context, bool tracked)
    {
        if (CallerApp.Of(context.User) is not { IsActingForItself: true } || !ConsentIds.IsWellFormed(consentId))
        {
            return null;
        }

        var consents = tracked ? db.Consents : db.Consents.AsNoTracking();
        return await consents.SingleOrDefaultAsync(c => c.Id == consentId, context.RequestAborted);
    }
}
