using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.Payments;

namespace Wekeza.IntegrationTests.Sandbox;

/// <summary>A reset puts one app's sandbox back to the start: its consents, payments and simulated money go; nobody else's.</summary>
public sealed class SandboxResetTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly SandboxJourney _journey = new(platform);

    [Fact]
    public async Task A_reset_waits_for_payments_in_flight_then_removes_the_apps_sandbox_and_nothing_else()
    {
        var (_, _, app, api) = await _journey.Webhooks.NewAppAsync();
        var (_, _, otherApp, otherApi) = await _journey.Webhooks.NewAppAsync();
        var debtor = await _journey.Payments.OpenFundedAccountAsync(0, 2_000m);
        var creditor = await _journey.Payments.OpenFundedAccountAsync(1, 0m);
        var creditorNumber = await NumberOfAsync(creditor);

        // The other app's world: an authorised consent, a completed payment from the same account.
        var otherConsent = await _journey.Consents.CreateConsentAsync(otherApp);
        using var otherCustomer = await _journey.CustomerApiAsync(otherApp, otherConsent, "amina", ConsentJourney.DataScopes);
        var otherPayment = await _journey.PayAsync(otherApp, "amina", debtor, PaymentJourney.Initiation(amount: "50.00", identification: creditorNumber, debtorAccountId: debtor));
        Assert.Equal("Completed", (await PaymentJourney.FinalStatusAsync(otherApi, otherPayment)).GetProperty("status").GetString());

        // This app's: money in, a completed payment, an open consent, a payment held in process, a moved clock.
        Assert.Equal(HttpStatusCode.Created, (await SandboxJourney.PostAsync(api, $"/v1/sandbox/accounts/{debtor}/incoming-transactions", new { amount = "1000.00" })).Status);
        var paid = await _journey.PayAsync(app, "amina", debtor, PaymentJourney.Initiation(amount: "300.00", identification: creditorNumber, debtorAccountId: debtor));
        Assert.Equal("Completed", (await PaymentJourney.FinalStatusAsync(api, paid)).GetProperty("status").GetString());
        var consentId = await _journey.Consents.CreateConsentAsync(app);
        using var customer = await _journey.CustomerApiAsync(app, consentId, "amina", ConsentJourney.DataScopes);
        var held = await _journey.PayAsync(app, "amina", debtor, PaymentJourney.Initiation(amount: "200.00", scheme: "KE.MobileMoney",
            identification: "254712345678", reference: "SWITCH-PENDING", debtorAccountId: debtor));
        await SandboxJourney.HeldAsync(api, held);
        Assert.Equal(HttpStatusCode.OK, (await SandboxJourney.PostAsync(api, "/v1/sandbox/clock/advance", new { seconds = 60 })).Status);
        Assert.Equal(2_450m, await _journey.Payments.BalanceAsync(debtor));

        // In flight: refused, and nothing removed.
        var (refused, problem) = await SandboxJourney.PostAsync(api, "/v1/sandbox/reset");
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Equal("sandbox_payments_in_flight", problem.GetProperty("code").GetString());
        Assert.Equal([held], problem.GetProperty("paymentIds").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(2_450m, await _journey.Payments.BalanceAsync(debtor));

        Assert.Equal(HttpStatusCode.Accepted, (await SandboxJourney.PostAsync(api, $"/v1/sandbox/payments/{held}/outcome", new { status = "Failed" })).Status);
        await PaymentJourney.FinalStatusAsync(api, held);
        var (status, reset) = await SandboxJourney.PostAsync(api, "/v1/sandbox/reset");
        Assert.True(status == HttpStatusCode.OK, reset.ToString());
        Assert.Equal(3, reset.GetProperty("consentsRemoved").GetInt32());
        Assert.Equal(2, reset.GetProperty("paymentsRemoved").GetInt32());
        Assert.Equal(1, reset.GetProperty("transactionsRemoved").GetInt32());
        Assert.True(reset.GetProperty("clockReset").GetBoolean());

        // This app's sandbox is as it started: its money movements gone, its consent's token dead, its lists empty.
        Assert.Equal(1_950m, await _journey.Payments.BalanceAsync(debtor));
        Assert.Equal(50m, await _journey.Payments.BalanceAsync(creditor));
        using (var dead = await customer.GetAsync("/v1/accounts", Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, dead.StatusCode);
        }

        using (var gone = await api.GetAsync($"/v1/payments/{paid}", Cancel))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>("/v1/sandbox/clock", Cancel)).GetProperty("offsetSeconds").GetInt64());

        // The other app's world is untouched, and the statement's running balances still add up.
        Assert.Equal("Completed", (await otherApi.GetFromJsonAsync<JsonElement>($"/v1/payments/{otherPayment}/status", Cancel)).GetProperty("status").GetString());
        using (var alive = await otherCustomer.GetAsync("/v1/accounts", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        await _journey.Payments.AssertLedgerBalancesAsync();
        await using var db = platform.BankDb();
        var postings = await db.Postings.AsNoTracking().Where(p => p.AccountId == debtor).OrderBy(p => p.BookedAt).ThenBy(p => p.Id).ToListAsync(Cancel);
        Assert.Equal([2_000m, 1_950m], postings.Select(p => p.BalanceAfter));
    }

    [Fact]
    public async Task A_developer_drives_their_own_apps_sandbox_through_the_portals_routes_and_no_one_elses()
    {
        var (developer, _, app, api) = await _journey.Webhooks.NewAppAsync();
        var (_, _, otherApp, _) = await _journey.Webhooks.NewAppAsync();
        var portalToken = (await _journey.Journeys.PortalTokensAsync(developer,
            "openid profile email roles offline_access apps.manage sandbox.manage")).GetProperty("access_token").GetString()!;
        using var asDeveloper = _journey.Consents.Api(portalToken);

        var (status, advanced) = await SandboxJourney.PostAsync(asDeveloper, $"/v1/apps/{app.ClientId}/sandbox/clock/advance", new { seconds = 3_600 });
        Assert.True(status == HttpStatusCode.OK, advanced.ToString());
        // The same clock the app sees with its own token.
        Assert.Equal(3_600, (await api.GetFromJsonAsync<JsonElement>("/v1/sandbox/clock", Cancel)).GetProperty("offsetSeconds").GetInt64());
        var customers = await asDeveloper.GetFromJsonAsync<JsonElement>($"/v1/apps/{app.ClientId}/sandbox/customers", Cancel);
        Assert.Equal(6, customers.GetProperty("data").GetArrayLength());

        using var foreign = await asDeveloper.PostAsync($"/v1/apps/{otherApp.ClientId}/sandbox/reset", null, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("app_not_found", await foreign.Content.ReadAsStringAsync(Cancel));
        // The app's own token is not a developer's: the portal's routes refuse it.
        using var asApp = await api.GetAsync($"/v1/apps/{app.ClientId}/sandbox/clock", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, asApp.StatusCode);
    }

    private async Task<string> NumberOfAsync(string accountId)
    {
        await using var db = platform.BankDb();
        return await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Number).SingleAsync(Cancel);
    }
}
