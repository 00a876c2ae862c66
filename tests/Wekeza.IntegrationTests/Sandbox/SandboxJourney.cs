using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.Identity;
using Wekeza.IntegrationTests.Payments;
using Wekeza.IntegrationTests.Webhooks;

namespace Wekeza.IntegrationTests.Sandbox;

/// <summary>
/// A developer using the sandbox as docs/sandbox.md describes it: the headless authorisation as a test customer
/// (no browser, no login page), the controls under <c>/v1/sandbox</c>, and payments with magic references.
/// </summary>
public sealed class SandboxJourney(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public WebhookJourney Webhooks { get; } = new(platform);

    public PaymentJourney Payments => Webhooks.Payments;

    public ConsentJourney Consents => Payments.Consents;

    public Journeys Journeys => Payments.Journeys;

    /// <summary>Auth's answer to a headless authorisation: a 302 to the app's redirect URI, never a page.</summary>
    public async Task<Uri> HeadlessAsync(Journeys.CreatedApp app, string consentId, string customer, string scope, Pkce pkce,
        string? decision = null, string? accounts = null)
    {
        var extra = new Dictionary<string, string?> { ["consent_id"] = consentId, ["sandbox_customer"] = customer };
        if (decision is not null)
        {
            extra["sandbox_decision"] = decision;
        }

        if (accounts is not null)
        {
            extra["sandbox_accounts"] = accounts;
        }

        using var browser = new Browser(platform);
        using var response = await browser.GetAsync(Journeys.AuthorizeUrl(app.ClientId, app.RedirectUri, scope, pkce, "sandbox-state", extra));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        var location = response.Headers.Location!;
        Assert.StartsWith(app.RedirectUri, location.AbsoluteUri, StringComparison.Ordinal);
        return location;
    }

    /// <summary>The customer's token for the consent, authorised headlessly, as the API client the app would use.</summary>
    public async Task<HttpClient> CustomerApiAsync(Journeys.CreatedApp app, string consentId, string customer, string scope, string? accounts = null)
    {
        var pkce = Pkce.New();
        var callback = QueryHelpers.ParseQuery((await HeadlessAsync(app, consentId, customer, scope, pkce, accounts: accounts)).Query);
        Assert.True(callback.ContainsKey("code"), string.Join("&", callback.Select(p => $"{p.Key}={p.Value}")));
        Assert.Equal("sandbox-state", callback["state"].ToString());
        using var response = await Journeys.RedeemCodeAsync(app.ClientId, app.ClientSecret, callback["code"].ToString(), app.RedirectUri, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Consents.Api((await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!);
    }

    /// <summary>A payment from <paramref name="debtor"/> authorised headlessly by test customer <paramref name="customer"/>; returns its id.</summary>
    public async Task<string> PayAsync(Journeys.CreatedApp app, string customer, string debtor, Dictionary<string, object?> initiation)
    {
        var consentId = await Payments.CreateConsentAsync(app, initiation);
        using var customerApi = await CustomerApiAsync(app, consentId, customer, PaymentJourney.Scopes, debtor);
        using var submitted = await PaymentJourney.SubmitAsync(customerApi, consentId, initiation, PaymentJourney.NewKey());
        return await PaymentJourney.AcceptedAsync(submitted);
    }

    /// <summary>Waits until the switch has held the payment for later settlement (its status shows when it settles).</summary>
    public static async Task<DateTimeOffset> HeldAsync(HttpClient api, string paymentId)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var current = await api.GetFromJsonAsync<JsonElement>($"/v1/payments/{paymentId}/status", Cancel);
            if (current.TryGetProperty("settlementDueAt", out var due) && due.ValueKind == JsonValueKind.String)
            {
                Assert.Equal("AcceptedSettlementInProcess", current.GetProperty("status").GetString());
                return due.GetDateTimeOffset();
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Payment {paymentId} is {current.GetProperty("status")} and not held");
            await Task.Delay(100, Cancel);
        }
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient api, string path, object? body = null)
    {
        using var response = body is null ? await api.PostAsync(path, null, Cancel) : await api.PostAsJsonAsync(path, body, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
