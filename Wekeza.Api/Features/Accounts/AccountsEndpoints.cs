using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Wekeza.Api.Features.Shared;
using Wekeza.Api.Security;

namespace Wekeza.Api.Features.Accounts;

internal static class AccountsEndpoints
{
    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder v1)
    {
        v1.MapGet("/accounts", ListAccounts)
            .RequireScope(ApiScopes.AccountsRead)
            .WithName("ListAccounts")
            .WithTags("Accounts")
            .WithSummary("List the accounts the caller may see")
            .WithDescription($"Requires scope `{ApiScopes.AccountsRead}`.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return v1;
    }

    // The ledger and consents arrive in later issues; until then nobody has consented to any account, so the
    // honest answer to an authorised caller is an empty list in the real shape.
    private static Ok<ListResponse<AccountSummary>> ListAccounts(HttpRequest request) =>
        TypedResults.Ok(new ListResponse<AccountSummary>([], new ListLinks(request.GetEncodedUrl()), new ListMeta(TotalPages: 1)));
}
