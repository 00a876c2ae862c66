using Wekeza.Portal.Console;

namespace Wekeza.Portal.Tests.Console;

public sealed class CurlCommandTests
{
    [Fact]
    public void A_get_has_no_method_flag_and_the_token_as_a_variable()
    {
        var request = new ConsoleRequest("GET", "/v1/accounts/acc_000101/transactions?limit=5&cursor=a%2Bb", [], null, TokenKind.Customer);

        Assert.Equal(
            """
            curl -s --cacert $CA "$API/v1/accounts/acc_000101/transactions?limit=5&cursor=a%2Bb" \
              -H "Authorization: Bearer $TOKEN"
            """,
            CurlCommand.ForApi(request));
    }

    [Fact]
    public void A_post_with_a_body_and_headers_single_quotes_them_escaping_single_quotes()
    {
        var request = new ConsoleRequest("POST", "/v1/payments",
            [new ConsoleHeader("Idempotency-Key", "5f1c"), new ConsoleHeader("x-fapi-interaction-id", "it's-mine")],
            """{"creditorName":"O'Brien & Sons","reference":"$HOME `x` \"q\""}""", TokenKind.PaymentCustomer);

        Assert.Equal(
            """
            curl -s --cacert $CA -X POST "$API/v1/payments" \
              -H "Authorization: Bearer $TOKEN" \
              -H 'content-type: application/json' \
              -H 'Idempotency-Key: 5f1c' \
              -H 'x-fapi-interaction-id: it'\''s-mine' \
              -d '{"creditorName":"O'\''Brien & Sons","reference":"$HOME `x` \"q\""}'
            """,
            CurlCommand.ForApi(request));
    }

    [Fact]
    public void The_real_token_only_when_asked_and_no_authorization_without_a_token()
    {
        var request = new ConsoleRequest("DELETE", "/v1/consents/cns_1", [], null, TokenKind.App);

        Assert.DoesNotContain("eyJ", CurlCommand.ForApi(request));
        Assert.Contains("-H 'Authorization: Bearer eyJhbGciOi.x.y'", CurlCommand.ForApi(request, realToken: "eyJhbGciOi.x.y"));
        Assert.Equal("""curl -s --cacert $CA -X DELETE "$API/v1/consents/cns_1" """.TrimEnd(),
            CurlCommand.ForApi(request with { Token = TokenKind.None }));
    }

    [Fact]
    public void Shell_characters_in_the_path_stay_literal_inside_double_quotes()
    {
        var request = new ConsoleRequest("GET", "/v1/events?subject=$(rm -rf ~)`id`\"\\", [], null, TokenKind.App);

        Assert.StartsWith("""curl -s --cacert $CA "$API/v1/events?subject=\$(rm -rf ~)\`id\`\"\\" \""", CurlCommand.ForApi(request));
    }

    [Fact]
    public void The_auth_calls_use_the_docs_variables_and_never_the_secret_or_verifier()
    {
        var authorization = HeadlessAuthorization.Create("sbx_3f9c", "https://app.example/callback", ["openid", "accounts.read"], "cns_1", "amina", true);

        Assert.Equal(
            """
            curl -s --cacert $CA -u "$CLIENT_ID:$CLIENT_SECRET" "$AUTH/connect/token" \
              -d grant_type=client_credentials -d 'scope=accounts.read payments.write'
            """,
            CurlCommand.ForClientCredentials(["accounts.read", "payments.write"]));
        Assert.Equal(
            $"""
            curl -s --cacert $CA -o /dev/null -w '%{"{"}redirect_url{"}"}\n' \
              "$AUTH/connect/authorize{authorization.Query}"
            """,
            CurlCommand.ForAuthorize(authorization));
        var redemption = CurlCommand.ForCodeRedemption("https://app.example/callback");
        Assert.Contains("-d code=$CODE -d 'redirect_uri=https://app.example/callback' -d code_verifier=$VERIFIER", redemption);
        Assert.DoesNotContain(authorization.Pkce.Verifier, CurlCommand.ForAuthorize(authorization));
    }
}
