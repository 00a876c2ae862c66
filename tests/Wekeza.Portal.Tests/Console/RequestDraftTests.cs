using Wekeza.Portal.Console;

namespace Wekeza.Portal.Tests.Console;

public sealed class RequestDraftTests
{
    private readonly OpenApiCatalog _catalog = OpenApiCatalog.Parse(OpenApiDocuments.Small, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Path_values_are_escaped_and_query_values_encoded_empty_ones_left_out()
    {
        var draft = RequestDraft.Create(_catalog.Find("GET /v1/accounts/{accountId}/transactions")!, _ => null, null);
        draft.Values["path:accountId"] = "../acc 1";
        draft.Values["query:limit"] = "5";
        draft.InteractionId = "a-b";
        draft.Scenario = "rate-limited";

        var (request, problems) = draft.Build();

        Assert.Empty(problems);
        Assert.Equal("/v1/accounts/..%2Facc%201/transactions?limit=5", request!.PathAndQuery);
        Assert.Equal([new ConsoleHeader("x-fapi-interaction-id", "a-b"), new ConsoleHeader("Wekeza-Sandbox-Scenario", "rate-limited")], request.Headers);
        Assert.Equal(TokenKind.Customer, request.Token);
        Assert.Null(request.Body);
    }

    [Fact]
    public void A_missing_required_value_or_a_line_break_in_a_header_is_said_before_sending()
    {
        var draft = RequestDraft.Create(_catalog.Find("GET /v1/accounts/{accountId}/transactions")!, _ => null, null);
        draft.InteractionId = "a\r\nInjected: yes";

        var (request, problems) = draft.Build();

        Assert.Null(request);
        Assert.Equal(["Fill in accountId (path).", "The x-fapi-interaction-id header cannot contain line breaks or other control characters."], problems);
    }

    [Fact]
    public void A_payment_gets_a_fresh_idempotency_key_the_payment_token_and_a_compacted_body()
    {
        var payment = _catalog.Find("POST /v1/payments")!;
        var draft = RequestDraft.Create(payment, _ => null, "{\n  \"consentId\": \"pcn_1\"\n}");

        var (request, _) = draft.Build();

        Assert.True(Guid.TryParse(draft.Values["header:Idempotency-Key"], out _));
        Assert.NotEqual(draft.Values["header:Idempotency-Key"], RequestDraft.Create(payment, _ => null, null).Values["header:Idempotency-Key"]);
        Assert.Equal(TokenKind.PaymentCustomer, request!.Token);
        Assert.Equal("""{"consentId":"pcn_1"}""", request.Body);
        Assert.Equal("Idempotency-Key", request.Headers.Single().Name);
    }

    [Fact]
    public void The_default_token_is_the_customers_for_accounts_and_payments_and_the_apps_elsewhere()
    {
        Assert.Equal(TokenKind.Customer, ConsoleRequest.DefaultToken("GET", "/v1/accounts"));
        Assert.Equal(TokenKind.Customer, ConsoleRequest.DefaultToken("GET", "/v1/accounts/{accountId}/balance"));
        Assert.Equal(TokenKind.PaymentCustomer, ConsoleRequest.DefaultToken("POST", "/v1/payments"));
        Assert.Equal(TokenKind.App, ConsoleRequest.DefaultToken("GET", "/v1/payments/{paymentId}/status"));
        Assert.Equal(TokenKind.App, ConsoleRequest.DefaultToken("POST", "/v1/consents"));
        Assert.Equal(TokenKind.App, ConsoleRequest.DefaultToken("GET", "/v1/accountsfoo"));
    }
}
