using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wekeza.IntegrationTests.Consents;

namespace Wekeza.IntegrationTests.Payments;

/// <summary>A merchant app takes a customer's payment end to end, against the whole app model.</summary>
public sealed class PaymentJourneyTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly PaymentJourney _journey = new(platform);

    [Fact]
    public async Task A_payment_to_a_wekeza_account_is_authorised_accepted_at_once_and_completed_and_the_customer_sees_it()
    {
        var (_, _, app) = await _journey.Consents.NewAppAsync();
        var faith = ConsentJourney.Customer(2);
        var debtor = await _journey.OpenFundedAccountAsync(2, 1_000m);
        var brianBefore = await _journey.BalanceAsync(PaymentJourney.BrianAccountId);
        var initiation = PaymentJourney.Initiation(amount: "250.50", reference: "INV-2291");

        var consentId = await _journey.CreateConsentAsync(app, initiation);
        using var appApi = await _journey.AppApiAsync(app);
        var awaiting = await appApi.GetFromJsonAsync<JsonElement>($"/v1/payment-consents/{consentId}", Cancel);
        Assert.Equal("AwaitingAuthorisation", awaiting.GetProperty("status").GetString());
        Assert.Equal("250.50", awaiting.GetProperty("initiation").GetProperty("instructedAmount").GetProperty("amount").GetString());

        using var customerApi = _journey.Consents.Api(await _journey.AuthoriseAsync(app, consentId, faith, debtor));
        var authorised = await appApi.GetFromJsonAsync<JsonElement>($"/v1/payment-consents/{consentId}", Cancel);
        Assert.Equal("Authorised", authorised.GetProperty("status").GetString());
        Assert.Equal(debtor, authorised.GetProperty("debtorAccountId").GetString());

        using var submitted = await PaymentJourney.SubmitAsync(customerApi, consentId, initiation, PaymentJourney.NewKey());
        var paymentId = await PaymentJourney.AcceptedAsync(submitted);
        var payment = await submitted.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("Pending", payment.GetProperty("status").GetString());
        Assert.Equal($"/v1/payments/{paymentId}", submitted.Headers.Location!.OriginalString);
        Assert.False(submitted.Headers.Contains("Idempotent-Replayed"));

        var final = await PaymentJourney.FinalStatusAsync(customerApi, paymentId);
        Assert.Equal("Completed", final.GetProperty("status").GetString());
        Assert.Equal(["Pending", "Completed"], final.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        Assert.Equal(749.50m, await _journey.BalanceAsync(debtor));
        Assert.Equal(brianBefore + 250.50m, await _journey.BalanceAsync(PaymentJourney.BrianAccountId));
        Assert.Equal("Consumed", (await appApi.GetFromJsonAsync<JsonElement>($"/v1/payment-consents/{consentId}", Cancel)).GetProperty("status").GetString());

        // The app reads it with its own token too; the customer sees it in their transactions (a consent to read them).
        Assert.Equal("Completed", (await appApi.GetFromJsonAsync<JsonElement>($"/v1/payments/{paymentId}", Cancel)).GetProperty("status").GetString());
        var readConsent = await _journey.Consents.CreateConsentAsync(app);
        var tokens = await _journey.Consents.AuthoriseAsync(app, readConsent, faith, debtor);
        using var reader = _journey.Consents.Api(tokens.GetProperty("access_token").GetString()!);
        var lines = await reader.GetFromJsonAsync<JsonElement>($"/v1/accounts/{debtor}/transactions", Cancel);
        var line = lines.GetProperty("data").EnumerateArray().First();
        Assert.Equal("250.50", line.GetProperty("amount").GetProperty("amount").GetString());
        Assert.Equal("Debit", line.GetProperty("creditDebitIndicator").GetString());
        Assert.Equal("INV-2291", line.GetProperty("reference").GetString());

        // Every change went out through the outbox, for the webhooks to pick up.
        await using var db = platform.BankDb();
        var events = await db.Outbox.AsNoTracking().Where(m => m.Subject == paymentId || m.Subject == consentId || m.Subject == debtor)
            .Select(m => m.Type).ToListAsync(Cancel);
        Assert.Contains("payment.created", events);
        Assert.Contains("payment.completed", events);
        Assert.Contains("consent.consumed", events);
        Assert.Contains("transaction.posted", events);
        var stored = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, Cancel);
        Assert.NotNull(stored.RiskScore);
        await _journey.AssertLedgerBalancesAsync();
    }

    [Theory]
    [InlineData("KE.MobileMoney", "254712345678", "INV-3001", "Completed", null)]
    [InlineData("KE.BankAccount", "11-1234567890", "SWITCH-FAIL-3002", "Failed", "switch_rejected")]
    [InlineData("KE.BankAccount", "11-1234567890", "SWITCH-TIMEOUT-3003", "Failed", "switch_timeout")]
    public async Task A_payment_to_another_bank_settles_through_the_switch_and_a_failure_returns_the_money(
        string scheme, string identification, string reference, string expected, string? reason)
    {
        var (_, _, app) = await _journey.Consents.NewAppAsync();
        var debtor = await _journey.OpenFundedAccountAsync(2, 500m);
        var initiation = PaymentJourney.Initiation(amount: "120.00", scheme: scheme, identification: identification, creditorName: "Mama Mboga", reference: reference);
        var (consentId, api) = await _journey.AuthorisedAsync(app, initiation, ConsentJourney.Customer(2), debtor);
        using var _ = api;

        using var submitted = await PaymentJourney.SubmitAsync(api, consentId, initiation, PaymentJourney.NewKey());
        var paymentId = await PaymentJourney.AcceptedAsync(submitted);

        var final = await PaymentJourney.FinalStatusAsync(api, paymentId, TimeSpan.FromSeconds(40));
        Assert.Equal(expected, final.GetProperty("status").GetString());
        Assert.Equal(reason, final.TryGetProperty("reasonCode", out var code) ? code.GetString() : null);
        Assert.Equal(["Pending", "AcceptedSettlementInProcess", expected],
            final.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        // Completed: the money left; Failed: a compensating entry put it back.
        Assert.Equal(expected == "Completed" ? 380m : 500m, await _journey.BalanceAsync(debtor));
        await _journey.AssertLedgerBalancesAsync();
    }

    [Fact]
    public async Task A_payment_the_account_cannot_cover_is_rejected_and_nothing_moves()
    {
        var (_, _, app) = await _journey.Consents.NewAppAsync();
        var debtor = await _journey.OpenFundedAccountAsync(2, 100m);
        var initiation = PaymentJourney.Initiation(amount: "150.00");
        var (consentId, api) = await _journey.AuthorisedAsync(app, initiation, ConsentJourney.Customer(2), debtor);
        using var _ = api;

        using var submitted = await PaymentJourney.SubmitAsync(api, consentId, initiation, PaymentJourney.NewKey());
        var paymentId = await PaymentJourney.AcceptedAsync(submitted);
        var final = await PaymentJourney.FinalStatusAsync(api, paymentId);

        Assert.Equal("Rejected", final.GetProperty("status").GetString());
        Assert.Equal("insufficient_funds", final.GetProperty("reasonCode").GetString());
        Assert.Equal(100m, await _journey.BalanceAsync(debtor));
    }

    [Fact]
    public async Task A_payment_to_a_blocked_creditor_is_rejected_by_the_risk_checks_with_its_score_and_reasons_kept()
    {
        var (_, _, app) = await _journey.Consents.NewAppAsync();
        var debtor = await _journey.OpenFundedAccountAsync(2, 1_000m);
        var initiation = PaymentJourney.Initiation(scheme: "KE.MobileMoney", identification: "254700000999", creditorName: "Blocked Payee");
        var (consentId, api) = await _journey.AuthorisedAsync(app, initiation, ConsentJourney.Customer(2), debtor);
        using var _ = api;

        using var submitted = await PaymentJourney.SubmitAsync(api, consentId, initiation, PaymentJourney.NewKey());
        var paymentId = await PaymentJourney.AcceptedAsync(submitted);
        var final = await PaymentJourney.FinalStatusAsync(api, paymentId);

        Assert.Equal("Rejected", final.GetProperty("status").GetString());
        Assert.Equal("creditor_blocked", final.GetProperty("reasonCode").GetString());
        Assert.Equal(1_000m, await _journey.BalanceAsync(debtor));
        await using var db = platform.BankDb();
        var stored = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, Cancel);
        Assert.Contains("creditor_blocked", stored.RiskReasons);
    }

    [Fact]
    public async Task A_single_payment_consent_pays_once_and_a_payment_must_repeat_its_consent()
    {
        var (_, _, app) = await _journey.Consents.NewAppAsync();
        var debtor = await _journey.OpenFundedAccountAsync(2, 1_000m);
        var initiation = PaymentJourney.Initiation(amount: "10.00");
        var (consentId, api) = await _journey.AuthorisedAsync(app, initiation, ConsentJourney.Customer(2), debtor);
        using var _ = api;

        foreach (var (field, changed) in new (string, Dictionary<string, object?>)[]
        {
            ("instructedAmount", PaymentJourney.Initiation(amount: "10.01")),
            ("creditorAccount", PaymentJourney.Initiation(amount: "10.00", identification: "010000010001")),
            ("reference", PaymentJourney.Initiation(amount: "10.00", reference: "OTHER")),
        })
        {
            using var mismatch = await PaymentJourney.SubmitAsync(api, consentId, changed, PaymentJourney.NewKey());
            Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch.StatusCode);
            var problem = await mismatch.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal("payment_consent_mismatch", problem.GetProperty("code").GetString());
            Assert.Contains(field, problem.GetProperty("detail").GetString());
        }

        using var first = await PaymentJourney.SubmitAsync(api, consentId, initiation, PaymentJourney.NewKey());
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using var second = await PaymentJourney.SubmitAsync(api, consentId, initiation, PaymentJourney.NewKey());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("consent_consumed", (await second.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        await using var db = platform.BankDb();
        Assert.Equal(1, await db.Payments.CountAsync(p => p.ConsentId == consentId, Cancel));
    }

    [Fact]
    public async Task Only_the_customers_payment_token_submits_and_only_the_app_reads_its_payments()
    {
        var (_, _, app) = await _journey.Consents.NewAppAsync();
        var (_, _, other) = await _journey.Consents.NewAppAsync();
        var debtor = await _journey.OpenFundedAccountAsync(2, 1_000m);
        var initiation = PaymentJourney.Initiation(amount: "5.00");
        var (consentId, api) = await _journey.AuthorisedAsync(app, initiation, ConsentJourney.Customer(2), debtor);
        using var _ = api;

        using var appApi = await _journey.AppApiAsync(app);
        using var byApp = await PaymentJourney.SubmitAsync(appApi, consentId, initiation, PaymentJourney.NewKey());
        Assert.Equal(HttpStatusCode.Forbidden, byApp.StatusCode);
        Assert.Equal("customer_token_required", (await byApp.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());

        using var submitted = await PaymentJourney.SubmitAsync(api, consentId, initiation, PaymentJourney.NewKey());
        var paymentId = await PaymentJourney.AcceptedAsync(submitted);
        using var otherApi = await _journey.AppApiAsync(other);
        using var foreign = await otherApi.GetAsync($"/v1/payments/{paymentId}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("payment_not_found", (await foreign.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        using var foreignConsent = await otherApi.GetAsync($"/v1/payment-consents/{consentId}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, foreignConsent.StatusCode);
    }
}
