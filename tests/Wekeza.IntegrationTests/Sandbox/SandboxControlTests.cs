using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.Payments;
using Wekeza.IntegrationTests.Webhooks;

namespace Wekeza.IntegrationTests.Sandbox;

/// <summary>The sandbox's controls against the whole stack: each does what docs/sandbox.md says, on the app's own data only.</summary>
public sealed class SandboxControlTests(PlatformFixture platform) : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly SandboxJourney _journey = new(platform);
    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_test_customer_authorises_headlessly_and_the_app_reads_their_accounts()
    {
        var (_, _, app, _) = await _journey.Webhooks.NewAppAsync();
        var consentId = await _journey.Consents.CreateConsentAsync(app);
        using var customer = await _journey.CustomerApiAsync(app, consentId, "amina", ConsentJourney.DataScopes);

        var accounts = (await customer.GetFromJsonAsync<JsonElement>("/v1/accounts", Cancel)).GetProperty("data").EnumerateArray()
            .Select(a => a.GetProperty("accountId").GetString()).ToList();
        // Every account Amina has (other tests open more for her), none of anyone else's.
        Assert.Contains("acc_000101", accounts);
        Assert.Contains("acc_000102", accounts);
        Assert.DoesNotContain("acc_000201", accounts);
    }

    [Fact]
    public async Task A_test_customer_who_declines_sends_the_app_access_denied_and_the_consent_is_rejected()
    {
        var (_, _, app, _) = await _journey.Webhooks.NewAppAsync();
        using var api = await _journey.Consents.AppApiAsync(app);
        var consentId = await _journey.Consents.CreateConsentAsync(app);
        var callback = QueryHelpers.ParseQuery((await _journey.HeadlessAsync(app, consentId, "brian", ConsentJourney.DataScopes, Identity.Pkce.New(), decision: "deny")).Query);

        Assert.Equal("access_denied", callback["error"].ToString());
        var consent = await api.GetFromJsonAsync<JsonElement>($"/v1/consents/{consentId}", Cancel);
        Assert.Equal("Rejected", consent.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_test_customer_is_refused_with_the_known_ones_named()
    {
        var (_, _, app, _) = await _journey.Webhooks.NewAppAsync();
        var consentId = await _journey.Consents.CreateConsentAsync(app);
        var callback = QueryHelpers.ParseQuery((await _journey.HeadlessAsync(app, consentId, "zelda", ConsentJourney.DataScopes, Identity.Pkce.New())).Query);

        Assert.Equal("invalid_request", callback["error"].ToString());
        Assert.Contains("amina", callback["error_description"].ToString());
    }

    [Fact]
    public async Task The_sandbox_lists_six_personas_each_with_several_accounts()
    {
        var (_, _, _, api) = await _journey.Webhooks.NewAppAsync();
        var customers = (await api.GetFromJsonAsync<JsonElement>("/v1/sandbox/customers", Cancel)).GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(["amina", "brian", "faith", "david", "grace", "joseph"], customers.Select(c => c.GetProperty("handle").GetString()));
        Assert.All(customers, c => Assert.True(c.GetProperty("accounts").GetArrayLength() >= 2, c.ToString()));
        var joseph = customers.Single(c => c.GetProperty("handle").GetString() == "joseph");
        Assert.Contains(joseph.GetProperty("accounts").EnumerateArray(), a => a.GetProperty("status").GetString() == "dormant");
    }

    [Fact]
    public async Task An_incoming_transaction_is_booked_read_by_the_app_and_announced()
    {
        var (_, _, app, api) = await _journey.Webhooks.NewAppAsync();
        var account = await _journey.Payments.OpenFundedAccountAsync(1, 0m);
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(), "transaction.posted");
        var consentId = await _journey.Consents.CreateConsentAsync(app);
        using var customer = await _journey.CustomerApiAsync(app, consentId, "brian", ConsentJourney.DataScopes, account);

        var (status, booked) = await SandboxJourney.PostAsync(api, $"/v1/sandbox/accounts/{account}/incoming-transactions",
            new { amount = "1500.00", payerName = "Kevin Kiprop", reference = "INV-9" });
        Assert.True(status == HttpStatusCode.Created, booked.ToString());
        Assert.Equal("1500.00", booked.GetProperty("balanceAfter").GetString());
        Assert.Equal(1500m, await _journey.Payments.BalanceAsync(account));

        var transactions = await customer.GetFromJsonAsync<JsonElement>($"/v1/accounts/{account}/transactions", Cancel);
        var line = Assert.Single(transactions.GetProperty("data").EnumerateArray());
        Assert.Equal(booked.GetProperty("transactionId").GetString(), line.GetProperty("transactionId").GetString());

        var delivered = JsonDocument.Parse((await _receiver.WaitForAsync(endpoint.Url, 1)).Single().Body).RootElement;
        Assert.Equal("transaction.posted", delivered.GetProperty("type").GetString());
        Assert.Equal("Credit", delivered.GetProperty("data").GetProperty("creditDebitIndicator").GetString());
        Assert.Equal("1500.00", delivered.GetProperty("data").GetProperty("amount").GetString());
    }

    [Theory]
    [InlineData("acc_000101", "-5", null, HttpStatusCode.UnprocessableEntity, "amount")]
    [InlineData("acc_000101", "10.001", null, HttpStatusCode.UnprocessableEntity, "amount")]
    [InlineData("acc_000101", "10.00", "USD", HttpStatusCode.UnprocessableEntity, "currency")]
    [InlineData("acc_nobody", "10.00", null, HttpStatusCode.NotFound, "account_not_found")]
    [InlineData("acc_bank_clearing_kes", "10.00", null, HttpStatusCode.NotFound, "account_not_found")]
    [InlineData("acc_000601", "10.00", null, HttpStatusCode.Conflict, "account_not_active")]
    public async Task An_incoming_transaction_that_cannot_be_booked_says_why_and_books_nothing(string account, string amount, string? currency,
        HttpStatusCode expected, string marker)
    {
        var (_, _, _, api) = await _journey.Webhooks.NewAppAsync();
        var (status, problem) = await SandboxJourney.PostAsync(api, $"/v1/sandbox/accounts/{account}/incoming-transactions", new { amount, currency });

        Assert.True(status == expected, problem.ToString());
        Assert.Contains(marker, problem.ToString());
    }

    [Fact]
    public async Task Any_event_type_can_be_fired_at_the_apps_own_endpoints()
    {
        var (_, _, _, api) = await _journey.Webhooks.NewAppAsync();
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(), "consent.revoked");

        var (status, fired) = await SandboxJourney.PostAsync(api, "/v1/sandbox/webhooks/fire", new { type = "consent.revoked", subject = "cns_fired_1" });
        Assert.True(status == HttpStatusCode.Accepted, fired.ToString());
        Assert.Equal(1, fired.GetProperty("deliveries").GetInt32());

        var received = (await _receiver.WaitForAsync(endpoint.Url, 1)).Single();
        Assert.True(StandardWebhooksVerifier.Verify(endpoint.Secret, received));
        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal(fired.GetProperty("eventId").GetString(), body.GetProperty("id").GetString());
        Assert.Equal("cns_fired_1", body.GetProperty("data").GetProperty("consentId").GetString());

        var (unknown, problem) = await SandboxJourney.PostAsync(api, "/v1/sandbox/webhooks/fire", new { type = "payment.teleported" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown);
        Assert.Contains("payment.completed", problem.GetProperty("errors").GetProperty("type")[0].GetString());
    }

    [Fact]
    public async Task A_held_payment_stays_in_process_until_moved_to_the_final_state_asked_for()
    {
        var (_, _, app, api) = await _journey.Webhooks.NewAppAsync();
        var debtor = await _journey.Payments.OpenFundedAccountAsync(0, 5_000m);
        var held = await _journey.PayAsync(app, "amina", debtor, MobilePayment(debtor, "SWITCH-PENDING-1"));
        var failing = await _journey.PayAsync(app, "amina", debtor, MobilePayment(debtor, "SWITCH-PENDING-2"));
        await SandboxJourney.HeldAsync(api, held);
        await SandboxJourney.HeldAsync(api, failing);
        Assert.Equal(4_000m, await _journey.Payments.BalanceAsync(debtor));

        var (refused, problem) = await SandboxJourney.PostAsync(api, $"/v1/sandbox/payments/{held}/outcome", new { status = "Rejected" });
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Equal("sandbox_payment_transition_invalid", problem.GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await SandboxJourney.PostAsync(api, $"/v1/sandbox/payments/{held}/outcome", new { status = "Completed" })).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await SandboxJourney.PostAsync(api, $"/v1/sandbox/payments/{failing}/outcome", new { status = "Failed" })).Status);
        Assert.Equal("Completed", (await PaymentJourney.FinalStatusAsync(api, held)).GetProperty("status").GetString());
        var failed = await PaymentJourney.FinalStatusAsync(api, failing);
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Equal("switch_rejected", failed.GetProperty("reasonCode").GetString());
        Assert.Equal(4_500m, await _journey.Payments.BalanceAsync(debtor));

        var (_, _, _, other) = await _journey.Webhooks.NewAppAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await SandboxJourney.PostAsync(other, $"/v1/sandbox/payments/{held}/outcome", new { status = "Failed" })).Status);
    }

    [Theory]
    [InlineData("FRAUD-REJECT-1", "risk_score_too_high")]
    [InlineData("INSUFFICIENT-FUNDS-1", "insufficient_funds")]
    public async Task A_magic_reference_makes_the_payment_end_as_documented(string reference, string reason)
    {
        var (_, _, app, api) = await _journey.Webhooks.NewAppAsync();
        var debtor = await _journey.Payments.OpenFundedAccountAsync(2, 5_000m);
        var payment = await _journey.PayAsync(app, "faith", debtor, PaymentJourney.Initiation(amount: "100.00", reference: reference, debtorAccountId: debtor));

        var final = await PaymentJourney.FinalStatusAsync(api, payment);
        Assert.Equal("Rejected", final.GetProperty("status").GetString());
        Assert.Equal(reason, final.GetProperty("reasonCode").GetString());
        Assert.Equal(5_000m, await _journey.Payments.BalanceAsync(debtor));
    }

    [Fact]
    public async Task Moving_the_clock_expires_consents_and_settles_held_payments_of_that_app_only()
    {
        var (_, _, app, api) = await _journey.Webhooks.NewAppAsync();
        var (_, _, otherApp, otherApi) = await _journey.Webhooks.NewAppAsync();
        var consentId = await _journey.Consents.CreateConsentAsync(app, expiresAt: DateTimeOffset.UtcNow.AddDays(2));
        using var customer = await _journey.CustomerApiAsync(app, consentId, "amina", ConsentJourney.DataScopes);
        var otherConsent = await _journey.Consents.CreateConsentAsync(otherApp, expiresAt: DateTimeOffset.UtcNow.AddDays(2));
        using var otherCustomer = await _journey.CustomerApiAsync(otherApp, otherConsent, "amina", ConsentJourney.DataScopes);
        var debtor = await _journey.Payments.OpenFundedAccountAsync(0, 1_000m);
        var held = await _journey.PayAsync(app, "amina", debtor, MobilePayment(debtor, "SWITCH-PENDING"));
        await SandboxJourney.HeldAsync(api, held);

        var (status, advanced) = await SandboxJourney.PostAsync(api, "/v1/sandbox/clock/advance", new { seconds = 3 * 86_400 });
        Assert.True(status == HttpStatusCode.OK, advanced.ToString());
        Assert.Equal(3 * 86_400, advanced.GetProperty("offsetSeconds").GetInt64());
        Assert.Equal(1, advanced.GetProperty("effects").GetProperty("consentsExpired").GetInt32());
        Assert.Equal(1, advanced.GetProperty("effects").GetProperty("settlementsDue").GetInt32());

        Assert.Equal("Completed", (await PaymentJourney.FinalStatusAsync(api, held)).GetProperty("status").GetString());
        using (var consents = await _journey.Consents.AppApiAsync(app))
        {
            Assert.Equal("Expired", (await consents.GetFromJsonAsync<JsonElement>($"/v1/consents/{consentId}", Cancel)).GetProperty("status").GetString());
        }

        using var refused = await customer.GetAsync("/v1/accounts", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // The other app's clock did not move: its consent and token are as they were.
        Assert.Equal(0, (await otherApi.GetFromJsonAsync<JsonElement>("/v1/sandbox/clock", Cancel)).GetProperty("offsetSeconds").GetInt64());
        using var still = await otherCustomer.GetAsync("/v1/accounts", Cancel);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(40_000_000)]
    public async Task The_clock_only_moves_forward_and_not_too_far(long seconds)
    {
        var (_, _, _, api) = await _journey.Webhooks.NewAppAsync();
        var (status, problem) = await SandboxJourney.PostAsync(api, "/v1/sandbox/clock/advance", new { seconds });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("seconds", out _), problem.ToString());
    }

    [Fact]
    public async Task A_consent_expired_by_the_control_refuses_its_token_and_cannot_expire_twice()
    {
        var (_, _, app, api) = await _journey.Webhooks.NewAppAsync();
        var consentId = await _journey.Consents.CreateConsentAsync(app);
        using var customer = await _journey.CustomerApiAsync(app, consentId, "faith", ConsentJourney.DataScopes);

        var (status, expired) = await SandboxJourney.PostAsync(api, $"/v1/sandbox/consents/{consentId}/expire");
        Assert.True(status == HttpStatusCode.OK, expired.ToString());
        Assert.Equal("Expired", expired.GetProperty("status").GetString());
        using var refused = await customer.GetAsync("/v1/accounts", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var (again, problem) = await SandboxJourney.PostAsync(api, $"/v1/sandbox/consents/{consentId}/expire");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("consent_not_expirable", problem.GetProperty("code").GetString());
        var (_, _, _, other) = await _journey.Webhooks.NewAppAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await SandboxJourney.PostAsync(other, $"/v1/sandbox/consents/{consentId}/expire")).Status);
    }

    [Fact]
    public async Task The_slow_response_scenario_answers_for_real_after_three_seconds()
    {
        var (_, _, _, api) = await _journey.Webhooks.NewAppAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/sandbox/clock");
        request.Headers.Add("Wekeza-Sandbox-Scenario", "slow-response");
        var started = DateTimeOffset.UtcNow;
        using var response = await api.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(2.9));
    }

    private static Dictionary<string, object?> MobilePayment(string debtor, string reference) => PaymentJourney.Initiation(amount: "500.00",
        scheme: "KE.MobileMoney", identification: "254712345678", creditorName: "Mama Mboga", reference: reference, debtorAccountId: debtor);
}
