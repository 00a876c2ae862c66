using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.Identity;

namespace Wekeza.IntegrationTests.Payments;

/// <summary>
/// A merchant app taking a customer's payment, as the docs describe it: a payment consent with the app's own token,
/// the customer's authorisation at the bank (choosing the account to pay from), then the payment with an
/// Idempotency-Key, followed to its final status.
/// </summary>
public sealed class PaymentJourney(PlatformFixture platform)
{
    public const string Scopes = "openid payments.write";

    /// <summary>Brian Otieno's KES operating account: a Wekeza creditor, credited at once.</summary>
    public const string BrianAccountNumber = "010000020001";
    public const string BrianAccountId = "acc_000201";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ConsentJourney Consents { get; } = new(platform);

    public Journeys Journeys => Consents.Journeys;

    public static Dictionary<string, object?> Initiation(string amount = "150.00", string currency = "KES",
        string scheme = "Wekeza.AccountNumber", string identification = BrianAccountNumber, string creditorName = "Otieno Traders",
        string reference = "INV-1001", string? debtorAccountId = null) => new()
    {
        ["instructedAmount"] = new Dictionary<string, object?> { ["amount"] = amount, ["currency"] = currency },
        ["creditorAccount"] = new Dictionary<string, object?> { ["schemeName"] = scheme, ["identification"] = identification },
        ["creditorName"] = creditorName,
        ["reference"] = reference,
        ["debtorAccountId"] = debtorAccountId,
    };

    /// <summary>The API as the app itself calls it (client credentials, payments.write).</summary>
    public async Task<HttpClient> AppApiAsync(Journeys.CreatedApp app)
    {
        using var response = await Journeys.TokenAsync(app.ClientId, app.ClientSecret,
            new() { ["grant_type"] = "client_credentials", ["scope"] = "payments.write" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Consents.Api((await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!);
    }

    public async Task<string> CreateConsentAsync(Journeys.CreatedApp app, Dictionary<string, object?> initiation)
    {
        using var api = await AppApiAsync(app);
        using var created = await api.PostAsJsonAsync("/v1/payment-consents", new { initiation }, Cancel);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancel));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("consentId").GetString()!;
    }

    /// <summary>
    /// The customer authorises the consent, paying from <paramref name="account"/>; the app redeems the code. A
    /// <paramref name="browser"/> that is already signed in goes straight to the consent screen.
    /// </summary>
    public async Task<string> AuthoriseAsync(Journeys.CreatedApp app, string consentId, Person customer, string account, Browser? browser = null)
    {
        var own = browser is null;
        browser ??= new Browser(platform);
        try
        {
            var pkce = Pkce.New();
            var callback = await Journeys.AuthorizeAsync(browser, customer, Consents.AuthorizeUrl(app, consentId, pkce, scope: Scopes), consent: true, [account]);
            var query = QueryHelpers.ParseQuery(callback.Query);
            Assert.True(query.ContainsKey("code"), $"No code in {callback}");
            using var response = await Journeys.RedeemCodeAsync(app.ClientId, app.ClientSecret, query["code"].ToString(), app.RedirectUri, pkce.Verifier);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!;
        }
        finally
        {
            if (own)
            {
                browser.Dispose();
            }
        }
    }

    /// <summary>A consent authorised by the customer, and the customer's API client for it.</summary>
    public async Task<(string ConsentId, HttpClient Api)> AuthorisedAsync(Journeys.CreatedApp app, Dictionary<string, object?> initiation,
        Person customer, string account, Browser? browser = null)
    {
        var consentId = await CreateConsentAsync(app, initiation);
        return (consentId, Consents.Api(await AuthoriseAsync(app, consentId, customer, account, browser)));
    }

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient api, string consentId, Dictionary<string, object?> initiation, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payments") { Content = JsonContent.Create(new { consentId, initiation }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return api.SendAsync(request, Cancel);
    }

    /// <summary>Asserts a 202 (showing the body when it is not) and returns the payment id.</summary>
    public static async Task<string> AcceptedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("paymentId").GetString()!;
    }

    /// <summary>Polls the status until it is final (or fails the test after <paramref name="within"/>).</summary>
    public static async Task<JsonElement> FinalStatusAsync(HttpClient api, string paymentId, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await api.GetAsync($"/v1/payments/{paymentId}/status", Cancel);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // Polling a hundred payments at once spends the app's rate limit: wait as told, as a client should.
                Assert.True(DateTimeOffset.UtcNow < deadline, $"Payment {paymentId}: still rate limited at the deadline");
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), Cancel);
                continue;
            }

            response.EnsureSuccessStatusCode();
            var status = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            if (status.GetProperty("isFinal").GetBoolean())
            {
                return status;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Payment {paymentId} is still {status.GetProperty("status")}");
            await Task.Delay(100, Cancel);
        }
    }

    /// <summary>A new KES current account for a test customer, funded from the bank's clearing account with <paramref name="balance"/>.</summary>
    public async Task<string> OpenFundedAccountAsync(int customerIndex, decimal balance)
    {
        await using var db = platform.BankDb();
        var customer = await db.Customers.AsNoTracking().OrderBy(c => c.Id).Skip(customerIndex).FirstAsync(Cancel);
        var account = new Account
        {
            Id = $"acc_pay_{Guid.NewGuid():N}"[..30], CustomerId = customer.Id, Kind = AccountKinds.Current, Currency = "KES",
            Name = "Payments test", Number = "07" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999), OpenedAt = DateTimeOffset.UtcNow,
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync(Cancel);
        if (balance > 0)
        {
            await new Ledger(db).PostAsync(new NewEntry(DateTimeOffset.UtcNow, "Test funding", "test", null, null,
                [new(account.Id, balance), new(SandboxSeed.ClearingAccountId("KES"), -balance)]), Cancel);
        }

        return account.Id;
    }

    public async Task<decimal> BalanceAsync(string accountId)
    {
        await using var db = platform.BankDb();
        return (await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, Cancel)).BookedBalance;
    }

    /// <summary>The ledger's first law, over the whole of bankdb: every currency's postings sum to zero.</summary>
    public async Task AssertLedgerBalancesAsync()
    {
        await using var db = platform.BankDb();
        var sums = await db.Postings.GroupBy(p => p.Currency).Select(g => new { g.Key, Sum = g.Sum(p => p.Amount) }).ToListAsync(Cancel);
        Assert.All(sums, currency => Assert.Equal(0m, currency.Sum));
        var drift = await db.Accounts.Where(a => a.BookedBalance != db.Postings.Where(p => p.AccountId == a.Id).Sum(p => p.Amount)).Select(a => a.Id).ToListAsync(Cancel);
        Assert.Empty(drift);
    }

    public static string NewKey() => Guid.NewGuid().ToString();
}
