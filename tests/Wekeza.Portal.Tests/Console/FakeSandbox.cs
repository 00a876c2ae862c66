using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Wekeza.Portal.Console;

namespace Wekeza.Portal.Tests.Console;

/// <summary>
/// Auth and the API as the console meets them, on a <see cref="FakeHttp"/>: the token endpoint checks the secret
/// and, for a code, the PKCE verifier against the challenge the authorization request carried; the headless
/// authorisation redirects with the state it was given; consents, accounts, payments and the status answer as the
/// API does. Tests change any route with <see cref="Http"/>.
/// </summary>
public sealed class FakeSandbox
{
    public const string AuthBase = "https://auth.wekeza.test:8443/";
    public const string ApiBase = "https://api.wekeza.test:7443/";
    public const string ClientId = "sbx_3f9c";
    public const string Secret = "wk_sbx_sk_right";
    public const string RedirectUri = "https://app.example/callback";
    public const string AppToken = "app-token-1";
    public const string CustomerToken = "customer-token-1";
    public const string PaymentToken = "payment-token-1";

    private readonly Dictionary<string, (string Challenge, string ConsentId)> _codes = [];

    public FakeSandbox()
    {
        Http.On("POST", "/connect/token", Token);
        Http.On("GET", "/connect/authorize", Authorize);
        Http.On("POST", "/v1/consents", HttpStatusCode.Created,
            """{"consentId":"cns_1","status":"AwaitingAuthorisation","permissions":["ReadAccounts"],"expiresAt":"2027-01-01T00:00:00Z"}""");
        Http.On("GET", "/v1/consents/cns_1", _ => FakeHttp.Json(HttpStatusCode.OK,
            $$"""{"consentId":"cns_1","status":"{{(Denied ? "Rejected" : "Authorised")}}"}"""));
        Http.On("GET", "/v1/accounts", HttpStatusCode.OK,
            """{"data":[{"accountId":"acc_000101","name":"Everyday account","accountNumber":"010000010001","currency":"KES"}],"links":{"self":"x"},"meta":{}}""");
        Http.On("GET", "/v1/sandbox/customers", HttpStatusCode.OK, Customers);
        Http.On("GET", "/openapi/v1.json", HttpStatusCode.OK, OpenApiDocuments.Small);
        Http.On("POST", "/v1/payment-consents", HttpStatusCode.Created, """{"consentId":"pcn_1","status":"AwaitingAuthorisation"}""");
        Http.On("POST", "/v1/payments", _ => FakeHttp.Json(HttpStatusCode.Accepted,
            """{"paymentId":"pmt_1","consentId":"pcn_1","status":"Pending"}"""));
        var statuses = new Queue<string>(["Pending", "Completed"]);
        Http.On("GET", "/v1/payments/pmt_1/status", _ =>
        {
            var status = statuses.Count > 1 ? statuses.Dequeue() : statuses.Peek();
            return FakeHttp.Json(HttpStatusCode.OK,
                $$"""{"paymentId":"pmt_1","status":"{{status}}","isFinal":{{(status == "Completed" ? "true" : "false")}},"reasonCode":null,"reason":null,"history":[]}""");
        });
    }

    public const string Customers = """
        { "data": [
            { "handle": "amina", "name": "Amina Wanjiru", "email": "amina.wanjiru@sandbox.wekeza.test", "persona": "salaried", "password": "x",
              "accounts": [ { "accountId": "acc_000101", "number": "010000010001", "name": "Everyday account", "kind": "current",
                              "currency": "KES", "balance": "123.45", "status": "active" } ] },
            { "handle": "brian", "name": "Brian Otieno", "email": "brian.otieno@sandbox.wekeza.test", "persona": "small-business", "password": "x",
              "accounts": [ { "accountId": "acc_000201", "number": "010000020001", "name": "Operating", "kind": "current",
                              "currency": "KES", "balance": "9000.00", "status": "active" } ] } ] }
        """;

    public FakeHttp Http { get; } = new();

    public FakeClock Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    /// <summary>Whether the last headless authorisation declined.</summary>
    public bool Denied { get; private set; }

    public ConsoleSession Session()
    {
        var auth = new ConsoleAuthClient(new HttpClient(Http, disposeHandler: false) { BaseAddress = new Uri(AuthBase) }, Clock,
            NullLogger<ConsoleAuthClient>.Instance);
        var api = new ConsoleApiClient(new HttpClient(Http, disposeHandler: false) { BaseAddress = new Uri(ApiBase) }, Clock,
            NullLogger<ConsoleApiClient>.Instance);
        return new ConsoleSession(auth, api, Clock, NullLogger<ConsoleSession>.Instance) { PollInterval = TimeSpan.Zero };
    }

    public static Portal.Apps.DeveloperApp App(string environment = "sandbox", string clientId = ClientId) =>
        Tests.Apps.FakeAppsClient.App(clientId: clientId) with
        {
            Environment = environment,
            RedirectUris = [RedirectUri, "https://app.example/other"],
            Scopes = ["accounts.read", "payments.write", "transactions.read"],
        };

    private HttpResponseMessage Token(FakeHttp.Sent request)
    {
        var basic = request.Header("Authorization") is { } header && header.StartsWith("Basic ", StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]))
            : "";
        if (basic != $"{ClientId}:{Secret}")
        {
            return FakeHttp.Json(HttpStatusCode.Unauthorized,
                """{"error":"invalid_client","error_description":"The specified client credentials are invalid."}""");
        }

        var form = request.Form;
        switch (form["grant_type"])
        {
            case "client_credentials":
                return Tokens(AppToken, refresh: null);
            case "authorization_code" when _codes.Remove(form["code"], out var issued):
                // What auth checks: the verifier hashes to the challenge of the authorization request (S256).
                return Pkce.ChallengeOf(form["code_verifier"]) == issued.Challenge && form["redirect_uri"] == RedirectUri
                    ? Tokens(issued.ConsentId.StartsWith("pcn_", StringComparison.Ordinal) ? PaymentToken : CustomerToken, "refresh-1")
                    : FakeHttp.Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"The code verifier is invalid."}""");
            default:
                return FakeHttp.Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"The code is invalid."}""");
        }
    }

    private static HttpResponseMessage Tokens(string access, string? refresh) => FakeHttp.Json(HttpStatusCode.OK, JsonSerializer.Serialize(
        new Dictionary<string, object?> { ["access_token"] = access, ["token_type"] = "Bearer", ["expires_in"] = 300, ["refresh_token"] = refresh }));

    private HttpResponseMessage Authorize(FakeHttp.Sent request)
    {
        var query = request.Query;
        Denied = query.GetValueOrDefault("sandbox_decision") == "deny";
        var state = Uri.EscapeDataString(query["state"]);
        if (Denied)
        {
            return FakeHttp.Redirect($"{query["redirect_uri"]}?error=access_denied&error_description=The%20customer%20declined.&state={state}");
        }

        var code = $"code-{_codes.Count + 1}";
        _codes[code] = (query["code_challenge"], query["consent_id"]);
        return FakeHttp.Redirect($"{query["redirect_uri"]}?code={code}&state={state}&iss={Uri.EscapeDataString(AuthBase)}");
    }
}
