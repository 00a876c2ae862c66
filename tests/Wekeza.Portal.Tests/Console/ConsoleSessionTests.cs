using System.Net;
using System.Text.Json;
using Wekeza.Portal.Console;

namespace Wekeza.Portal.Tests.Console;

public sealed class ConsoleSessionTests
{
    private readonly FakeSandbox _sandbox = new();
    private readonly ConsoleSession _session;

    public ConsoleSessionTests()
    {
        _session = _sandbox.Session();
        _session.Open(FakeSandbox.App());
    }

    [Fact]
    public async Task The_secret_gets_an_app_token_for_the_apps_api_scopes_with_basic_auth_and_loads_the_customers()
    {
        Assert.Null(await _session.UseSecretAsync($"  {FakeSandbox.Secret} "));

        Assert.True(_session.HasCredentials);
        var token = Assert.Single(_sandbox.Http.To("POST", "/connect/token"));
        Assert.Equal("client_credentials", token.Form["grant_type"]);
        Assert.Equal("accounts.read transactions.read payments.write", token.Form["scope"]);
        Assert.StartsWith("Basic ", token.Header("Authorization"));
        Assert.Equal(["amina", "brian"], _session.Customers.Select(customer => customer.Handle));
        Assert.Equal("acc_000101", _session.Customers[0].Accounts.Single().AccountId);
        Assert.Equal($"Bearer {FakeSandbox.AppToken}", _sandbox.Http.To("GET", "/v1/sandbox/customers").Single().Header("Authorization"));
        Assert.True(_session.CredentialStep!.Succeeded);
        Assert.DoesNotContain(FakeSandbox.Secret, _session.CredentialStep.Curl);
    }

    [Fact]
    public async Task A_wrong_secret_says_auth_refused_it_with_invalid_client_and_keeps_nothing()
    {
        var problem = await _session.UseSecretAsync("wk_sbx_sk_wrong");

        Assert.NotNull(problem);
        Assert.Contains("invalid_client", problem);
        Assert.Contains("The specified client credentials are invalid.", problem);
        Assert.Contains("rotated on the app's page", problem);
        Assert.False(_session.HasCredentials);
        Assert.Equal("401 Unauthorized", _session.CredentialStep!.Status);
    }

    [Fact]
    public async Task Auth_down_is_said_in_words()
    {
        _sandbox.Http.On("POST", "/connect/token", _ => throw new HttpRequestException("Connection refused (auth.wekeza.test:8443)"));

        var problem = await _session.UseSecretAsync(FakeSandbox.Secret);

        Assert.Equal("Could not get an app token: We could not reach the auth server: Connection refused (auth.wekeza.test:8443)", problem);
    }

    [Fact]
    public async Task The_customers_fall_back_to_the_standard_handles_when_the_api_cannot_list_them()
    {
        _sandbox.Http.On("GET", "/v1/sandbox/customers", HttpStatusCode.NotFound, """{"title":"Not found","status":404}""");

        await _session.UseSecretAsync(FakeSandbox.Secret);

        Assert.Equal(["amina", "brian", "faith", "david", "grace", "joseph"], _session.Customers.Select(customer => customer.Handle));
        Assert.Contains("404", _session.CustomersNote);
    }

    [Fact]
    public async Task Authorising_creates_a_consent_authorises_headlessly_redeems_the_code_and_reads_the_accounts()
    {
        await _session.UseSecretAsync(FakeSandbox.Secret);

        await _session.AuthoriseAsync("amina", allow: true);

        var run = _session.Authorisation!;
        Assert.Null(run.Problem);
        Assert.True(run.IsAuthorised);
        Assert.Equal(("cns_1", "Authorised"), (run.ConsentId, run.ConsentStatus));
        Assert.Equal(["acc_000101"], run.Accounts.Select(account => account.AccountId));
        Assert.True(run.HasRefreshToken);
        Assert.Equal(
            ["Create an account-access consent", "Authorise as Amina Wanjiru", "Exchange the code for the customer's token", "Read the shared accounts",
                "Read the consent"],
            run.Steps.Select(step => step.Title));
        Assert.All(run.Steps, step => Assert.True(step.Succeeded, step.Outcome));

        var consent = JsonDocument.Parse(_sandbox.Http.To("POST", "/v1/consents").Single().Body!).RootElement;
        Assert.Equal(["ReadAccounts", "ReadBalances", "ReadTransactions"], consent.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("2027-02-22T10:00:00Z", consent.GetProperty("expiresAt").GetString());
        Assert.Equal("2025-11-24T00:00:00Z", consent.GetProperty("transactionFromDateTime").GetString());

        var authorize = _sandbox.Http.To("GET", "/connect/authorize").Single().Query;
        Assert.Equal("openid accounts.read transactions.read offline_access", authorize["scope"]);
        Assert.Equal((FakeSandbox.RedirectUri, "cns_1", "amina", "allow"),
            (authorize["redirect_uri"], authorize["consent_id"], authorize["sandbox_customer"], authorize["sandbox_decision"]));
        // The fake auth server checked the verifier against the challenge before issuing the token.
        var redemption = _sandbox.Http.To("POST", "/connect/token").Last().Form;
        Assert.Equal(("authorization_code", "code-1", FakeSandbox.RedirectUri), (redemption["grant_type"], redemption["code"], redemption["redirect_uri"]));
        Assert.Equal(authorize["code_challenge"], Pkce.ChallengeOf(redemption["code_verifier"]));
        Assert.Equal($"Bearer {FakeSandbox.CustomerToken}", _sandbox.Http.To("GET", "/v1/accounts").Single().Header("Authorization"));
    }

    [Fact]
    public async Task Rejecting_shows_the_consent_rejected_and_auths_access_denied_and_gets_no_token()
    {
        await _session.UseSecretAsync(FakeSandbox.Secret);

        await _session.AuthoriseAsync("brian", allow: false);

        var run = _session.Authorisation!;
        Assert.Null(run.Problem);
        Assert.True(run.IsRejected);
        Assert.False(run.IsAuthorised);
        Assert.Equal("Rejected", run.ConsentStatus);
        Assert.Equal("access_denied: The customer declined.", run.Refusal!.Words);
        Assert.Equal("deny", _sandbox.Http.To("GET", "/connect/authorize").Single().Query["sandbox_decision"]);
        Assert.Single(_sandbox.Http.To("POST", "/connect/token"));
    }

    [Fact]
    public async Task A_redirect_with_another_state_is_not_redeemed()
    {
        await _session.UseSecretAsync(FakeSandbox.Secret);
        _sandbox.Http.On("GET", "/connect/authorize", _ => FakeHttp.Redirect($"{FakeSandbox.RedirectUri}?code=stolen&state=forged"));

        await _session.AuthoriseAsync("amina", allow: true);

        Assert.Contains("state", _session.Authorisation!.Problem);
        Assert.Single(_sandbox.Http.To("POST", "/connect/token"));
        Assert.False(_session.Authorisation.IsAuthorised);
    }

    [Fact]
    public async Task A_refused_consent_names_the_problems_code_and_detail()
    {
        await _session.UseSecretAsync(FakeSandbox.Secret);
        _sandbox.Http.On("POST", "/v1/consents", _ => FakeHttp.Json(HttpStatusCode.UnprocessableEntity,
            """{"title":"Validation failed","status":422,"code":"validation_failed","detail":"One or more fields are invalid.","errors":{"expiresAt":["Too far."]}}""",
            "application/problem+json"));

        await _session.AuthoriseAsync("amina", allow: true);

        Assert.Equal("Could not create the consent: the API answered 422 Validation failed (validation_failed): One or more fields are invalid. expiresAt: Too far.",
            _session.Authorisation!.Problem);
        Assert.Empty(_sandbox.Http.To("GET", "/connect/authorize"));
    }

    [Fact]
    public async Task The_builder_sends_with_the_customer_token_and_says_when_there_is_none()
    {
        await _session.UseSecretAsync(FakeSandbox.Secret);
        await _session.LoadCatalogAsync();
        var draft = _session.Draft(_session.Catalog!.Find("GET /v1/accounts")!);

        var before = await _session.SendAsync(draft);
        Assert.Contains("Authorise as a test customer first", before.Problem);

        await _session.AuthoriseAsync("amina", allow: true);
        var exchange = await _session.SendAsync(draft);

        Assert.Equal(200, exchange.Response!.StatusCode);
        Assert.Equal($"Bearer {FakeSandbox.CustomerToken}", _sandbox.Http.Requests.Last().Header("Authorization"));
    }

    [Fact]
    public async Task An_expired_app_token_is_renewed_and_an_expired_customer_token_refreshed()
    {
        await _session.UseSecretAsync(FakeSandbox.Secret);
        await _session.AuthoriseAsync("amina", allow: true);
        await _session.LoadCatalogAsync();
        _sandbox.Http.On("POST", "/connect/token", request => FakeHttp.Json(HttpStatusCode.OK, request.Form["grant_type"] == "refresh_token"
            ? """{"access_token":"customer-token-2","expires_in":300,"refresh_token":"refresh-2"}"""
            : """{"access_token":"app-token-2","expires_in":300}"""));
        _sandbox.Clock.Advance(TimeSpan.FromMinutes(5));

        await _session.SendAsync(_session.Draft(_session.Catalog!.Find("GET /v1/events")!));
        await _session.SendAsync(_session.Draft(_session.Catalog.Find("GET /v1/accounts")!));

        var renewals = _sandbox.Http.To("POST", "/connect/token").TakeLast(2).Select(request => request.Form).ToList();
        Assert.Equal("client_credentials", renewals[0]["grant_type"]);
        Assert.Equal(("refresh_token", "refresh-1"), (renewals[1]["grant_type"], renewals[1]["refresh_token"]));
        Assert.Equal("Bearer customer-token-2", _sandbox.Http.Requests.Last().Header("Authorization"));
    }

    [Fact]
    public async Task A_test_payment_goes_all_the_way_and_follows_the_status_until_it_is_final()
    {
        await _session.UseSecretAsync(FakeSandbox.Secret);
        var form = new TestPaymentForm();
        form.ChoosePayer("amina", _session.Customers);
        var progress = 0;

        await _session.PayAsync(form, () => { progress++; return Task.CompletedTask; });

        var run = _session.Payment!;
        Assert.Null(run.Problem);
        Assert.Equal("Completed", run.FinalStatus);
        Assert.Equal(["Pending", "Completed"], run.Statuses.Select(seen => seen.Status));
        Assert.Equal(
            ["Create a payment consent", "Authorise as Amina Wanjiru", "Exchange the code for the customer's token", "Submit the payment", "Follow the status"],
            run.Steps.Select(step => step.Title));
        Assert.True(progress >= 5);

        var initiation = """{"instructedAmount":{"amount":"100.00","currency":"KES"},"creditorAccount":{"schemeName":"Wekeza.AccountNumber","identification":"010000020001"},"creditorName":"Brian Otieno","reference":"Console test"}""";
        Assert.Equal($$"""{"initiation":{{initiation}}}""", _sandbox.Http.To("POST", "/v1/payment-consents").Single().Body);
        var authorize = _sandbox.Http.To("GET", "/connect/authorize").Single().Query;
        Assert.Equal(("openid payments.write", "pcn_1", "acc_000101"), (authorize["scope"], authorize["consent_id"], authorize["sandbox_accounts"]));
        var payment = _sandbox.Http.To("POST", "/v1/payments").Single();
        Assert.Equal($$"""{"consentId":"pcn_1","initiation":{{initiation}}}""", payment.Body);
        Assert.Equal($"Bearer {FakeSandbox.PaymentToken}", payment.Header("Authorization"));
        Assert.Equal(run.IdempotencyKey, payment.Header("Idempotency-Key"));
        Assert.True(Guid.TryParse(run.IdempotencyKey, out _));
        Assert.All(_sandbox.Http.To("GET", "/v1/payments/pmt_1/status"), poll => Assert.Equal($"Bearer {FakeSandbox.AppToken}", poll.Header("Authorization")));
        Assert.Contains("-H 'Idempotency-Key: ", run.Steps[3].Curl);
        Assert.Contains("$CUSTOMER_TOKEN", run.Steps[3].Curl);
    }

    [Fact]
    public async Task A_payment_that_never_ends_stops_following_after_the_last_check()
    {
        await _session.UseSecretAsync(FakeSandbox.Secret);
        _session.MaxPolls = 3;
        _sandbox.Http.On("GET", "/v1/payments/pmt_1/status", HttpStatusCode.OK,
            """{"paymentId":"pmt_1","status":"AcceptedSettlementInProcess","isFinal":false}""");

        await _session.PayAsync(new TestPaymentForm(), () => Task.CompletedTask);

        Assert.Equal(3, _sandbox.Http.To("GET", "/v1/payments/pmt_1/status").Count);
        Assert.Null(_session.Payment!.FinalStatus);
        Assert.Contains("still AcceptedSettlementInProcess after 3 checks", _session.Payment.Problem);
        Assert.Equal("AcceptedSettlementInProcess, asked 3 times.", _session.Payment.Steps[^1].Outcome);
    }

    [Fact]
    public void A_production_app_cannot_be_opened()
    {
        var session = _sandbox.Session();

        Assert.False(ConsoleSession.IsSandbox(FakeSandbox.App(environment: "production", clientId: "live_9a")));
        Assert.False(ConsoleSession.IsSandbox(FakeSandbox.App(clientId: "live_9a")));
        Assert.Throws<InvalidOperationException>(() => session.Open(FakeSandbox.App(environment: "production", clientId: "live_9a")));
    }
}
