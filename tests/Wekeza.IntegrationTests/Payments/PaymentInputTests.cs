using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wekeza.IntegrationTests.Consents;

namespace Wekeza.IntegrationTests.Payments;

/// <summary>What a client can get wrong on the payment endpoints: a clear 4xx naming the problem, and nothing created or changed.</summary>
public sealed class PaymentInputTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly PaymentJourney _journey = new(platform);

    public static TheoryData<string, string> BadConsents => new()
    {
        { """{"initiation":{"instructedAmount":{"amount":"10.001","currency":"KES"},"creditorAccount":{"schemeName":"Wekeza.AccountNumber","identification":"010000020001"},"creditorName":"A","reference":"R"}}""", "initiation.instructedAmount.amount" },
        { """{"initiation":{"instructedAmount":{"amount":"-1","currency":"KES"},"creditorAccount":{"schemeName":"Wekeza.AccountNumber","identification":"010000020001"},"creditorName":"A","reference":"R"}}""", "initiation.instructedAmount.amount" },
        { """{"initiation":{"instructedAmount":{"amount":"5","currency":"XYZ"},"creditorAccount":{"schemeName":"Wekeza.AccountNumber","identification":"010000020001"},"creditorName":"A","reference":"R"}}""", "initiation.instructedAmount.currency" },
        { """{"initiation":{"instructedAmount":{"amount":"5","currency":"KES"},"creditorAccount":{"schemeName":"IBAN","identification":"KE00"},"creditorName":"A","reference":"R"}}""", "initiation.creditorAccount.schemeName" },
        { """{"initiation":{"instructedAmount":{"amount":"5","currency":"KES"},"creditorAccount":{"schemeName":"KE.MobileMoney","identification":"0712345678"},"creditorName":"A","reference":"R"}}""", "initiation.creditorAccount.identification" },
        { """{"initiation":{"instructedAmount":{"amount":"5","currency":"KES"},"creditorAccount":{"schemeName":"Wekeza.AccountNumber","identification":"010000020001"},"creditorName":"A","reference":"R"},"expiresAt":"2020-01-01T00:00:00Z"}""", "expiresAt" },
        { """{"initiation":{"instructedAmount":{"amount":"5","currency":"KES"},"creditorAccount":{"schemeName":"Wekeza.AccountNumber","identification":"010000020001"},"creditorName":"A","reference":"R"},"expiresAt":"2099-01-01T00:00:00Z"}""", "expiresAt" },
        { """{}""", "initiation" },
    };

    [Theory]
    [MemberData(nameof(BadConsents))]
    public async Task A_bad_payment_consent_is_422_naming_the_field_and_creates_nothing(string body, string field)
    {
        var (_, _, app) = await _journey.Consents.NewAppAsync();
        using var api = await _journey.AppApiAsync(app);

        using var response = await api.PostAsync("/v1/payment-consents", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = platform.BankDb();
        Assert.False(await db.Consents.AnyAsync(c => c.ClientId == app.ClientId, Cancel));
    }

    [Fact]
    public async Task A_payment_needs_its_consent_id_and_the_token_of_that_very_consent()
    {
        var (_, _, app) = await _journey.Consents.NewAppAsync();
        var debtor = await _journey.OpenFundedAccountAsync(2, 1_000m);
        var initiation = PaymentJourney.Initiation(amount: "7.00");
        using var browser = new Identity.Browser(platform);
        var (first, firstApi) = await _journey.AuthorisedAsync(app, initiation, ConsentJourney.Customer(2), debtor, browser);
        var (second, secondApi) = await _journey.AuthorisedAsync(app, initiation, ConsentJourney.Customer(2), debtor, browser);
        using var firstClient = firstApi;
        using var secondClient = secondApi;

        using var missing = await firstApi.PostAsJsonAsync("/v1/payments", new { initiation }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("idempotency_key_required", (await missing.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        using var noConsent = await PaymentJourney.SubmitAsync(firstApi, null!, initiation, PaymentJourney.NewKey());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noConsent.StatusCode);
        Assert.True((await noConsent.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").TryGetProperty("consentId", out _));

        // The first consent's token cannot spend the second consent.
        using var crossed = await PaymentJourney.SubmitAsync(firstApi, second, initiation, PaymentJourney.NewKey());
        Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
        Assert.Equal("consent_invalid", (await crossed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());

        await using var db = platform.BankDb();
        Assert.False(await db.Payments.AnyAsync(p => p.ConsentId == first || p.ConsentId == second, Cancel));
        Assert.Equal(2, await db.Consents.CountAsync(c => (c.Id == first || c.Id == second) && c.Status == "Authorised", Cancel));
        Assert.Equal(1_000m, await _journey.BalanceAsync(debtor));
    }

    [Fact]
    public async Task A_payment_consent_is_created_by_the_app_itself_and_an_account_reading_token_cannot_pay()
    {
        var (_, _, app) = await _journey.Consents.NewAppAsync();
        var readConsent = await _journey.Consents.CreateConsentAsync(app);
        var tokens = await _journey.Consents.AuthoriseAsync(app, readConsent, ConsentJourney.Customer(), "acc_000101");
        using var reader = _journey.Consents.Api(tokens.GetProperty("access_token").GetString()!);

        using var consent = await reader.PostAsJsonAsync("/v1/payment-consents", new { initiation = PaymentJourney.Initiation() }, Cancel);
        using var payment = await PaymentJourney.SubmitAsync(reader, readConsent, PaymentJourney.Initiation(), PaymentJourney.NewKey());

        // The token lacks payments.write: refused before anything is read or written.
        Assert.Equal(HttpStatusCode.Forbidden, consent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, payment.StatusCode);
        Assert.Equal("application/problem+json", payment.Content.Headers.ContentType?.MediaType);
        await using var db = platform.BankDb();
        Assert.False(await db.Consents.AnyAsync(c => c.ClientId == app.ClientId && c.Kind == "domestic-payment", Cancel));
    }
}
