using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wekeza.IntegrationTests.Consents;

namespace Wekeza.IntegrationTests.Payments;

/// <summary>Idempotency-Key on POST /v1/payments: a network retry never pays twice, and the app can always find out what happened.</summary>
public sealed class IdempotencyTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly PaymentJourney _journey = new(platform);

    [Theory]
    [InlineData(null, "idempotency_key_required")]
    [InlineData("has spaces in it", "idempotency_key_invalid")]
    [InlineData("order/1234", "idempotency_key_invalid")]
    [InlineData("a-key-longer-than-255-characters-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "idempotency_key_invalid")]
    public async Task A_payment_without_a_well_formed_key_is_refused_and_nothing_is_created(string? key, string code)
    {
        var (consentId, api, initiation) = await AuthorisedAsync();
        using var _ = api;

        using var response = await PaymentJourney.SubmitAsync(api, consentId, initiation, key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        await using var db = platform.BankDb();
        Assert.False(await db.Payments.AnyAsync(p => p.ConsentId == consentId, Cancel));
    }

    [Fact]
    public async Task The_same_key_and_request_replays_the_first_response_and_says_so_and_another_request_is_refused()
    {
        var (consentId, api, initiation) = await AuthorisedAsync();
        using var _ = api;
        var key = PaymentJourney.NewKey();

        using var first = await PaymentJourney.SubmitAsync(api, consentId, initiation, key);
        var firstBody = await first.Content.ReadAsStringAsync(Cancel);
        await Task.Delay(300, Cancel); // the payment moves on meanwhile; the replay is still the first response
        using var again = await PaymentJourney.SubmitAsync(api, consentId, initiation, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, again.Headers.Location);

        var changed = new Dictionary<string, object?>(initiation) { ["reference"] = "CHANGED" };
        using var reused = await PaymentJourney.SubmitAsync(api, consentId, changed, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("idempotency_key_reused", (await reused.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());

        await using var db = platform.BankDb();
        Assert.Equal(1, await db.Payments.CountAsync(p => p.ConsentId == consentId, Cancel));
    }

    [Fact]
    public async Task Fifty_concurrent_requests_with_one_key_create_one_payment_and_all_get_its_response()
    {
        var (consentId, api, initiation) = await AuthorisedAsync();
        using var _ = api;
        var key = PaymentJourney.NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            using var response = await PaymentJourney.SubmitAsync(api, consentId, initiation, key);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Cancel), Replayed: response.Headers.Contains("Idempotent-Replayed"));
        }, Cancel)));

        // Each waited for the first to finish, then got its response; none made a payment of its own.
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        Assert.Equal(49, responses.Count(r => r.Replayed));
        await using var db = platform.BankDb();
        Assert.Equal(1, await db.Payments.CountAsync(p => p.ConsentId == consentId, Cancel));
    }

    [Fact]
    public async Task A_request_refused_as_invalid_leaves_the_key_unused_so_the_corrected_request_can_use_it()
    {
        var (consentId, api, initiation) = await AuthorisedAsync();
        using var _ = api;
        var key = PaymentJourney.NewKey();

        var invalid = new Dictionary<string, object?>(initiation) { ["reference"] = "" };
        using var refused = await PaymentJourney.SubmitAsync(api, consentId, invalid, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("unused", (await api.GetFromJsonAsync<JsonElement>($"/v1/idempotency-keys/{key}", Cancel)).GetProperty("state").GetString());

        using var accepted = await PaymentJourney.SubmitAsync(api, consentId, initiation, key);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.False(accepted.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task An_app_can_look_up_its_keys_and_keys_belong_to_one_app()
    {
        var (_, _, app) = await _journey.Consents.NewAppAsync();
        var (_, _, other) = await _journey.Consents.NewAppAsync();
        var (consentId, api, initiation) = await AuthorisedAsync(app);
        using var _ = api;
        var key = PaymentJourney.NewKey();
        using var appApi = await _journey.AppApiAsync(app);
        Assert.Equal("unused", (await appApi.GetFromJsonAsync<JsonElement>($"/v1/idempotency-keys/{key}", Cancel)).GetProperty("state").GetString());

        using var submitted = await PaymentJourney.SubmitAsync(api, consentId, initiation, key);
        var paymentId = await PaymentJourney.AcceptedAsync(submitted);

        var state = await appApi.GetFromJsonAsync<JsonElement>($"/v1/idempotency-keys/{key}", Cancel);
        Assert.Equal("completed", state.GetProperty("state").GetString());
        Assert.Equal(202, state.GetProperty("responseStatus").GetInt32());
        Assert.Equal(paymentId, state.GetProperty("resourceId").GetString());
        Assert.Equal("POST /v1/payments", state.GetProperty("operation").GetString());
        Assert.True(state.GetProperty("expiresAt").GetDateTimeOffset() >= DateTimeOffset.UtcNow.AddHours(23.9));

        // The same key means nothing to another app: its own first use would create its own payment.
        using var otherApi = await _journey.AppApiAsync(other);
        Assert.Equal("unused", (await otherApi.GetFromJsonAsync<JsonElement>($"/v1/idempotency-keys/{key}", Cancel)).GetProperty("state").GetString());
        using var malformed = await appApi.GetAsync("/v1/idempotency-keys/not%20a%20key", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    private async Task<(string ConsentId, HttpClient Api, Dictionary<string, object?> Initiation)> AuthorisedAsync(Identity.Journeys.CreatedApp? app = null)
    {
        app ??= (await _journey.Consents.NewAppAsync()).App;
        var debtor = await _journey.OpenFundedAccountAsync(2, 1_000m);
        var initiation = PaymentJourney.Initiation(amount: "20.00");
        var (consentId, api) = await _journey.AuthorisedAsync(app, initiation, ConsentJourney.Customer(2), debtor);
        return (consentId, api, initiation);
    }
}
