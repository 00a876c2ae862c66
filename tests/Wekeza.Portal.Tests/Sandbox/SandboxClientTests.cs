using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Sandbox;
using Wekeza.Portal.Tests.Platform;

namespace Wekeza.Portal.Tests.Sandbox;

public sealed class SandboxClientTests
{
    private const string ApiBase = "https://api.wekeza.test/";
    private const string Sandbox = ApiBase + "v1/apps/sbx_3f9c/sandbox";

    private readonly ApiClientHarness _api = new();

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_the_test_customers_on_the_developer_path_with_the_sessions_access_token()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.OK, """
            { "data": [ { "handle": "amina", "name": "Amina Wanjiru", "email": "amina.wanjiru@sandbox.wekeza.test", "persona": "salaried",
                          "password": "Sandbox-Customer-2026",
                          "accounts": [ { "accountId": "acc_000101", "number": "010000010001", "name": "Everyday account", "kind": "current",
                                          "currency": "KES", "balance": "98250.00", "status": "active" } ] } ],
              "links": { "self": "x" }, "meta": { "totalPages": 1 } }
            """);

        var result = await client.ListCustomersAsync("sbx_3f9c", Cancellation);

        var customer = Assert.Single(Assert.IsType<ApiResult<IReadOnlyList<SandboxCustomer>>.Success>(result).Value);
        Assert.Equal(("amina", "Sandbox-Customer-2026"), (customer.Handle, customer.Password));
        Assert.Equal(new SandboxAccount("acc_000101", "010000010001", "Everyday account", "current", "KES", "98250.00", "active"),
            Assert.Single(customer.Accounts));
        var request = Assert.Single(_api.Requests);
        Assert.Equal($"GET {Sandbox}/customers", Sent(0));
        Assert.Equal($"Bearer {ApiClientHarness.AccessToken}", request.Headers.Authorization?.ToString());
    }

    [Fact]
    public async Task Reads_the_clock_and_moves_it_by_seconds()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.OK, """{ "now": "2026-11-25T10:00:00+00:00", "offsetSeconds": 86400 }""");
        var clock = Assert.IsType<ApiResult<SandboxClock>.Success>(await client.GetClockAsync("sbx_3f9c", Cancellation)).Value;

        _api.Respond(HttpStatusCode.OK, """
            { "now": "2026-11-25T11:00:00+00:00", "offsetSeconds": 90000, "effects": { "consentsExpired": 1, "settlementsDue": 0, "webhookRetriesDue": 2 } }
            """);
        var advanced = Assert.IsType<ApiResult<SandboxClockAdvanced>.Success>(await client.AdvanceClockAsync("sbx_3f9c", 3600, Cancellation)).Value;

        Assert.Equal(new SandboxClock(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), 86400), clock);
        Assert.Equal((90000L, new SandboxClockEffects(1, 0, 2)), (advanced.OffsetSeconds, advanced.Effects));
        Assert.Equal($"GET {Sandbox}/clock", Sent(0));
        Assert.Equal($"POST {Sandbox}/clock/advance", Sent(1));
        Assert.Equal("""{"seconds":3600}""", _api.Bodies[1]);
    }

    [Fact]
    public async Task An_incoming_transaction_posts_to_the_accounts_path_and_leaves_out_what_is_not_given()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.Created, """
            { "entryId": 123, "transactionId": "txn_456", "accountId": "acc_000101", "amount": "1500.00", "currency": "KES",
              "bookedAt": "2026-11-24T10:00:00+00:00", "balanceAfter": "99750.00", "description": "Incoming transfer from Kevin Kiprop" }
            """);

        var result = await client.CreateIncomingTransactionAsync("sbx_3f9c", "acc_000101",
            new IncomingTransactionRequest("1500.00", "KES", "Kevin Kiprop", "INV-1"), Cancellation);
        await client.CreateIncomingTransactionAsync("sbx_3f9c", "acc_000101", new IncomingTransactionRequest("20"), Cancellation);

        var booked = Assert.IsType<ApiResult<IncomingTransaction>.Success>(result).Value;
        Assert.Equal((123L, "txn_456", "99750.00"), (booked.EntryId, booked.TransactionId, booked.BalanceAfter));
        Assert.Equal($"POST {Sandbox}/accounts/acc_000101/incoming-transactions", Sent(0));
        Assert.Equal("""{"amount":"1500.00","currency":"KES","payerName":"Kevin Kiprop","reference":"INV-1"}""", _api.Bodies[0]);
        Assert.Equal("""{"amount":"20"}""", _api.Bodies[1]);
    }

    [Fact]
    public async Task Firing_an_event_posts_its_type_and_subject()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.Accepted, """{ "eventId": "evt_01", "type": "payment.completed", "deliveries": 1 }""");

        var result = await client.FireWebhookAsync("sbx_3f9c", new FireWebhookRequest("payment.completed", "pmt_1"), Cancellation);
        await client.FireWebhookAsync("sbx_3f9c", new FireWebhookRequest("consent.expired"), Cancellation);

        Assert.Equal(new FiredWebhookEvent("evt_01", "payment.completed", 1), Assert.IsType<ApiResult<FiredWebhookEvent>.Success>(result).Value);
        Assert.Equal($"POST {Sandbox}/webhooks/fire", Sent(0));
        Assert.Equal("""{"type":"payment.completed","subject":"pmt_1"}""", _api.Bodies[0]);
        Assert.Equal("""{"type":"consent.expired"}""", _api.Bodies[1]);
    }

    [Fact]
    public async Task A_payment_outcome_posts_the_status_and_reason_code()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.Accepted, """{ "paymentId": "pmt_1", "status": "AcceptedSettlementInProcess", "requested": "Failed" }""");

        var result = await client.SetPaymentOutcomeAsync("sbx_3f9c", "pmt_1", new PaymentOutcomeRequest("Failed", "switch_rejected"), Cancellation);
        await client.SetPaymentOutcomeAsync("sbx_3f9c", "pmt_1", new PaymentOutcomeRequest("Completed"), Cancellation);

        Assert.Equal(new PaymentOutcomeRequested("pmt_1", "AcceptedSettlementInProcess", "Failed"),
            Assert.IsType<ApiResult<PaymentOutcomeRequested>.Success>(result).Value);
        Assert.Equal($"POST {Sandbox}/payments/pmt_1/outcome", Sent(0));
        Assert.Equal("""{"status":"Failed","reasonCode":"switch_rejected"}""", _api.Bodies[0]);
        Assert.Equal("""{"status":"Completed"}""", _api.Bodies[1]);
    }

    [Fact]
    public async Task Expiring_a_consent_and_resetting_are_posts_without_a_body()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.OK, """{ "consentId": "cns_1", "status": "Expired" }""");
        var expired = await client.ExpireConsentAsync("sbx_3f9c", "cns_1", Cancellation);
        _api.Respond(HttpStatusCode.OK, """{ "consentsRemoved": 3, "paymentsRemoved": 2, "transactionsRemoved": 1, "clockReset": true }""");
        var reset = await client.ResetAsync("sbx_3f9c", Cancellation);

        Assert.Equal(new ExpiredConsent("cns_1", "Expired"), Assert.IsType<ApiResult<ExpiredConsent>.Success>(expired).Value);
        Assert.Equal(new SandboxResetDone(3, 2, 1, true), Assert.IsType<ApiResult<SandboxResetDone>.Success>(reset).Value);
        Assert.Equal($"POST {Sandbox}/consents/cns_1/expire", Sent(0));
        Assert.Equal($"POST {Sandbox}/reset", Sent(1));
        Assert.Equal([null, null], _api.Bodies);
    }

    [Fact]
    public async Task Ids_are_escaped_so_they_cannot_reach_another_apps_path()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.NotFound, """{ "status": 404, "code": "payment_not_found" }""", "application/problem+json");

        var result = await client.SetPaymentOutcomeAsync("sbx_1/../sbx_2", "pmt_1?x=1", new PaymentOutcomeRequest("Completed"), Cancellation);
        await client.CreateIncomingTransactionAsync("sbx_1", "acc/../1", new IncomingTransactionRequest("1"), Cancellation);

        Assert.IsType<ApiResult<PaymentOutcomeRequested>.NotFound>(result);
        Assert.Equal($"POST {ApiBase}v1/apps/sbx_1%2F..%2Fsbx_2/sandbox/payments/pmt_1%3Fx%3D1/outcome", Sent(0));
        Assert.Equal($"POST {ApiBase}v1/apps/sbx_1/sandbox/accounts/acc%2F..%2F1/incoming-transactions", Sent(1));
    }

    [Fact]
    public async Task Field_errors_keep_the_apis_keys()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.UnprocessableEntity, """
            { "title": "The clock cannot move that way", "status": 422, "errors": { "seconds": ["Move the clock forward by 1 to 34,560,000 seconds (400 days)."] } }
            """, "application/problem+json");

        var result = await client.AdvanceClockAsync("sbx_3f9c", 0, Cancellation);

        Assert.Equal("Move the clock forward by 1 to 34,560,000 seconds (400 days).",
            Assert.IsType<ApiResult<SandboxClockAdvanced>.Invalid>(result).Errors.For(SandboxFields.Seconds));
    }

    [Fact]
    public async Task A_production_app_is_told_the_controls_are_for_sandbox_apps()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.Forbidden, """{ "status": 403, "code": "sandbox_only", "title": "Sandbox controls are for sandbox apps" }""",
            "application/problem+json");

        var result = await client.ResetAsync("live_9a1b", Cancellation);

        Assert.Contains("Sandbox controls are for sandbox apps", Assert.IsType<ApiResult<SandboxResetDone>.Failed>(result).Message);
    }

    [Fact]
    public async Task A_token_without_the_sandbox_scope_asks_the_developer_to_sign_in_again()
    {
        var client = await CreateClientAsync();
        _api.Respond(HttpStatusCode.Forbidden, """{ "status": 403, "code": "insufficient_scope" }""", "application/problem+json");

        var result = await client.GetClockAsync("sbx_3f9c", Cancellation);

        Assert.Contains("sign in again", Assert.IsType<ApiResult<SandboxClock>.Failed>(result).Message);
    }

    [Fact]
    public async Task Without_a_configured_api_nothing_is_sent_and_the_page_gets_a_message()
    {
        var (http, session) = await _api.ConnectAsync(baseAddress: null);
        var client = new SandboxClient(http, session, NullLogger<SandboxClient>.Instance);

        var result = await client.ListCustomersAsync("sbx_3f9c", Cancellation);

        Assert.Contains("could not reach the sandbox service", Assert.IsType<ApiResult<IReadOnlyList<SandboxCustomer>>.Failed>(result).Message);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task A_reset_refused_for_payments_in_flight_brings_the_explanation_and_the_payment_ids()
    {
        var client = await CreateRefusingClientAsync(HttpStatusCode.Conflict, """
            { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.10", "title": "Payments are still in process", "status": 409,
              "detail": "2 of your payments are still in process (pmt_1, pmt_2). Nothing was removed.",
              "code": "sandbox_payments_in_flight", "paymentIds": ["pmt_1", "pmt_2"] }
            """);

        var result = await client.ResetAsync("sbx_3f9c", Cancellation);

        var refused = Assert.IsType<SandboxRefused<SandboxResetDone>>(result);
        Assert.Equal("sandbox_payments_in_flight", refused.Code);
        Assert.Equal("2 of your payments are still in process (pmt_1, pmt_2). Nothing was removed.", refused.Message);
        Assert.Equal(["pmt_1", "pmt_2"], refused.PaymentIds);
    }

    [Fact]
    public async Task An_impossible_payment_move_is_a_refusal_with_the_apis_words_not_a_race()
    {
        var client = await CreateRefusingClientAsync(HttpStatusCode.Conflict, """
            { "title": "The payment cannot move that way", "status": 409, "code": "sandbox_payment_transition_invalid",
              "detail": "A Pending payment has moved no money yet: it can only be Rejected." }
            """);

        var result = await client.SetPaymentOutcomeAsync("sbx_3f9c", "pmt_1", new PaymentOutcomeRequest("Completed"), Cancellation);

        var refused = Assert.IsType<SandboxRefused<PaymentOutcomeRequested>>(result);
        Assert.Equal(("sandbox_payment_transition_invalid", "A Pending payment has moved no money yet: it can only be Rejected."),
            (refused.Code, refused.Message));
        Assert.Empty(refused.PaymentIds);
    }

    [Fact]
    public async Task A_conflict_without_a_code_is_read_as_the_base_client_reads_it()
    {
        var client = await CreateRefusingClientAsync(HttpStatusCode.Conflict, "not json", "text/plain");

        var result = await client.ExpireConsentAsync("sbx_3f9c", "cns_1", Cancellation);

        Assert.Contains("changed at the same moment", Assert.IsType<ApiResult<ExpiredConsent>.Failed>(result).Message);
    }

    [Fact]
    public async Task Other_answers_are_read_as_usual()
    {
        var client = await CreateRefusingClientAsync(HttpStatusCode.OK, """{ "consentId": "cns_1", "status": "Expired" }""");

        var result = await client.ExpireConsentAsync("sbx_3f9c", "cns_1", Cancellation);

        Assert.Equal(new ExpiredConsent("cns_1", "Expired"), Assert.IsType<ApiResult<ExpiredConsent>.Success>(result).Value);
    }

    private string Sent(int index) => $"{_api.Requests[index].Method} {_api.Requests[index].RequestUri?.AbsoluteUri}";

    private async Task<SandboxClient> CreateClientAsync()
    {
        var (http, session) = await _api.ConnectAsync(new Uri(ApiBase));
        return new SandboxClient(http, session, NullLogger<SandboxClient>.Instance);
    }

    // A client that answers with exactly this response.
    private async Task<SandboxClient> CreateRefusingClientAsync(HttpStatusCode status, string body, string mediaType = "application/problem+json")
    {
        var (_, session) = await _api.ConnectAsync(new Uri(ApiBase));
        var http = new HttpClient(new Answering(status, body, mediaType)) { BaseAddress = new Uri(ApiBase) };
        return new SandboxClient(http, session, NullLogger<SandboxClient>.Instance);
    }

    private sealed class Answering(HttpStatusCode status, string body, string mediaType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType), RequestMessage = request });
    }
}
