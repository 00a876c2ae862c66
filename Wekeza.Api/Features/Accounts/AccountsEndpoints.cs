using Wekeza.ServiceDefaults;
using System.ComponentModel;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Wekeza.Banking.CoreBanking;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Features.Shared;
using Wekeza.Api.Security;
using Wekeza.Consents;

namespace Wekeza.Api.Features.Accounts;

/// <summary>
/// Account information: the accounts a customer shared with the app through a consent, their balances and their
/// transactions. Every request passes the scope check (policy) and the <see cref="ConsentGate"/>. An account outside
/// the consent is answered exactly as one that does not exist, so ids cannot be probed.
/// </summary>
internal static class AccountsEndpoints
{
    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder v1)
    {
        var accounts = v1.MapGroup("/accounts").RequireScope(ApiScopes.AccountsRead).WithTags("Accounts")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        accounts.MapGet("/", ListAsync).WithName("ListAccounts")
            .WithSummary("List the accounts the customer shared")
            .WithDescription($"Scope `{ApiScopes.AccountsRead}`; consent permission `{ConsentPermissions.ReadAccounts}`.");
        accounts.MapGet("/{accountId}", GetAsync).WithName("GetAccount")
            .WithSummary("One shared account")
            .WithDescription($"Scope `{ApiScopes.AccountsRead}`; consent permission `{ConsentPermissions.ReadAccounts}`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapGet("/{accountId}/balance", BalanceAsync).WithName("GetBalance")
            .WithSummary("An account's booked and available balance")
            .WithDescription($"Scope `{ApiScopes.AccountsRead}`; consent permission `{ConsentPermissions.ReadBalances}`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapGet("/{accountId}/transactions", TransactionsAsync).WithName("ListTransactions")
            .RequireScope(ApiScopes.TransactionsRead)
            .WithSummary("An account's transactions, newest first, a page at a time")
            .WithDescription($"""
                Scopes `{ApiScopes.AccountsRead}` and `{ApiScopes.TransactionsRead}`; consent permission `{ConsentPermissions.ReadTransactions}`.
                Filter with `fromBookingDateTime` and `toBookingDateTime` (ISO 8601, inclusive, inside the consent's transaction window).
                Page with `limit` (1-{TransactionQuery.MaxLimit}, default {TransactionQuery.DefaultLimit}) and follow `links.next` / `links.prev`;
                their `cursor` is opaque and belongs to this account and date range.
                """)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Results<Ok<ListResponse<AccountResource>>, ProblemHttpResult>> ListAsync(
        ConsentGate gate, ICoreBanking bank, HttpContext context)
    {
        var outcome = await gate.CheckAsync(context.User, ConsentPermissions.ReadAccounts, context.RequestAborted);
        if (!outcome.IsGranted)
        {
            return outcome.Problem;
        }

        var accounts = await bank.FindAccountsAsync([.. outcome.Consent.AccountIds], context.RequestAborted);
        return TypedResults.Ok(new ListResponse<AccountResource>([.. accounts.Select(AccountResource.From)],
            new ListLinks(context.Request.GetEncodedUrl()), new ListMeta(TotalPages: 1)));
    }

    private static async Task<Results<Ok<AccountResource>, ProblemHttpResult>> GetAsync(
        string accountId, ConsentGate gate, ICoreBanking bank, HttpContext context) =>
        await SharedAccountAsync(accountId, ConsentPermissions.ReadAccounts, gate, bank, context) switch
        {
            (null, var problem) => problem!,
            var (account, _) => TypedResults.Ok(AccountResource.From(account)),
        };

    private static async Task<Results<Ok<BalanceResource>, ProblemHttpResult>> BalanceAsync(
        string accountId, ConsentGate gate, ICoreBanking bank, TimeProvider clock, HttpContext context) =>
        await SharedAccountAsync(accountId, ConsentPermissions.ReadBalances, gate, bank, context) switch
        {
            (null, var problem) => problem!,
            var (account, _) => TypedResults.Ok(new BalanceResource(account.Id, Money.Of(account.BookedBalance, account.Currency),
                Money.Of(account.BookedBalance, account.Currency), clock.GetUtcNow())),
        };

    private static async Task<Results<Ok<ListResponse<TransactionResource>>, ProblemHttpResult>> TransactionsAsync(
        [Description("The account's id, as GET /v1/accounts lists it (e.g. acc_000101).")] string accountId,
        [Description("Earliest booking date-time to include, ISO 8601 (2026-01-31 or 2026-01-31T09:30:00Z); not before the consent's window.")] string? fromBookingDateTime,
        [Description("Latest booking date-time to include, ISO 8601; not after the consent's window.")] string? toBookingDateTime,
        [Description("Page size, 1 to 100; default 50.")] string? limit,
        [Description("Opaque: copy it from links.next or links.prev. It carries the page's dates, so send it without the date filters.")] string? cursor,
        ConsentGate gate, ICoreBanking bank, HttpContext context)
    {
        var outcome = await gate.CheckAsync(context.User, ConsentPermissions.ReadTransactions, context.RequestAborted);
        if (!outcome.IsGranted)
        {
            return outcome.Problem;
        }

        if (!outcome.Consent.AccountIds.Contains(accountId))
        {
            return AccountNotFound(accountId);
        }

        var (query, problem) = TransactionQuery.Read(accountId, fromBookingDateTime, toBookingDateTime, limit, cursor, outcome.Consent);
        if (query is null)
        {
            var invalid = problem!.Type.Result(problem.Message);
            invalid.ProblemDetails.Extensions["parameter"] = problem.Parameter;
            return invalid;
        }

        var page = await StatementPage.ReadAsync(bank, accountId, query, context.RequestAborted);
        return TypedResults.Ok(new ListResponse<TransactionResource>([.. page.Lines.Select(TransactionResource.From)],
            new ListLinks(context.Request.GetEncodedUrl(), Link(context, query, page.Next), Link(context, query, page.Prev)),
            new ListMeta(TotalPages: null)));
    }

    /// <summary>The account, when the consent grants <paramref name="permission"/> and shares it; otherwise the problem to answer.</summary>
    private static async Task<(Account? Account, ProblemHttpResult? Problem)> SharedAccountAsync(
        string accountId, string permission, ConsentGate gate, ICoreBanking bank, HttpContext context)
    {
        var outcome = await gate.CheckAsync(context.User, permission, context.RequestAborted);
        if (!outcome.IsGranted)
        {
            return (null, outcome.Problem);
        }

        if (!outcome.Consent.AccountIds.Contains(accountId) || await bank.FindAccountAsync(accountId, context.RequestAborted) is not { } account)
        {
            return (null, AccountNotFound(accountId));
        }

        return (account, null);
    }

    private static ProblemHttpResult AccountNotFound(string accountId) => ProblemCatalog.AccountNotFound.Result($"No account '{accountId}' is shared with your app by this customer.");

    private static string? Link(HttpContext context, TransactionQuery query, StatementCursor? cursor) =>
        cursor is null ? null : UriHelper.BuildAbsolute(context.Request.Scheme, context.Request.Host, context.Request.PathBase, context.Request.Path,
            QueryString.Create((KeyValuePair<string, string?>[])[new("limit", query.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("cursor", cursor.Encode())]));
}
