using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.Payments;

namespace Wekeza.IntegrationTests.Webhooks;

/// <summary>Webhooks end to end against the whole stack: real payments and consents, a real receiver on loopback.</summary>
public sealed class WebhookDeliveryTests(PlatformFixture platform) : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly WebhookJourney _journey = new(platform);
    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_completed_payment_arrives_signed_verified_by_the_standard_library_and_listed()
    {
        var (_, _, app, api) = await _journey.NewAppAsync();
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(), "payment.completed", "transaction.posted");
        Assert.StartsWith("whsec_", endpoint.Secret);

        var debtor = await _journey.Payments.OpenFundedAccountAsync(1, 10_000m);
        var initiation = PaymentJourney.Initiation(amount: "250.00", debtorAccountId: debtor);
        var (consentId, customerApi) = await _journey.Payments.AuthorisedAsync(app, initiation, ConsentJourney.Customer(1), debtor);
        using var submitted = await PaymentJourney.SubmitAsync(customerApi, consentId, initiation, PaymentJourney.NewKey());
        var paymentId = await PaymentJourney.AcceptedAsync(submitted);
        Assert.Equal("Completed", (await PaymentJourney.FinalStatusAsync(customerApi, paymentId)).GetProperty("status").GetString());

        var received = await _receiver.WaitForAsync(endpoint.Url, 1);
        var completed = received.Single(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString() == "payment.completed");
        var body = JsonDocument.Parse(completed.Body).RootElement;
        Assert.Equal(paymentId, body.GetProperty("data").GetProperty("paymentId").GetString());
        Assert.Equal("250.00", body.GetProperty("data").GetProperty("amount").GetString());
        Assert.Equal(paymentId, body.GetProperty("subject").GetString());
        Assert.Equal(completed.Id, body.GetProperty("id").GetString());
        Assert.True(StandardWebhooksVerifier.Verify(endpoint.Secret, completed), "the spec's own algorithm rejects the signature");
        Assert.False(StandardWebhooksVerifier.Verify("whsec_" + Convert.ToBase64String(new byte[32]), completed), "a wrong secret verifies");

        // The debtor's account is covered by no read consent of this app: no transaction.posted for it.
        await Task.Delay(500, Cancel);
        Assert.DoesNotContain(_receiver.At(endpoint.Url), r => r.Body.Contains("\"transaction.posted\"", StringComparison.Ordinal));

        Assert.All(await OffTheShelfVerifier.VerifyAsync(endpoint.Secret, _receiver.At(endpoint.Url)), result => Assert.Equal("ok", result));
        var tampered = completed with { Body = completed.Body.Replace("250.00", "950.00", StringComparison.Ordinal) };
        Assert.StartsWith("fail", (await OffTheShelfVerifier.VerifyAsync(endpoint.Secret, [tampered])).Single());

        // Listed: the event in the app's log, the delivery with its attempt.
        var events = await WebhookJourney.GetJsonAsync(api, $"/v1/events?subject={paymentId}");
        var listed = Assert.Single(events.GetProperty("data").EnumerateArray());
        Assert.Equal(completed.Body, listed.GetRawText());
        var deliveries = await WebhookJourney.GetJsonAsync(api, $"/v1/webhook-endpoints/{endpoint.Id}/deliveries");
        var delivery = deliveries.GetProperty("data").EnumerateArray().Single(d => d.GetProperty("eventId").GetString() == completed.Id);
        Assert.Equal("Succeeded", delivery.GetProperty("status").GetString());
        var detail = await WebhookJourney.DeliveryAsync(api, endpoint.Id, delivery.GetProperty("id").GetString()!);
        var attempt = Assert.Single(detail.GetProperty("attemptLog").EnumerateArray());
        Assert.Equal(200, attempt.GetProperty("statusCode").GetInt32());
        Assert.Equal("ok, thanks", attempt.GetProperty("responseBody").GetString());
    }

    [Fact]
    public async Task Consent_events_carry_a_sequence_per_consent_and_transaction_posted_reaches_apps_that_read_the_account()
    {
        var (_, _, app, api) = await _journey.NewAppAsync();
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(), "consent.authorised", "consent.revoked", "transaction.posted");
        var account = await _journey.Payments.OpenFundedAccountAsync(2, 5_000m);
        var consentId = await _journey.Payments.Consents.CreateConsentAsync(app);
        await _journey.Payments.Consents.AuthoriseAsync(app, consentId, ConsentJourney.Customer(2), account);

        // A payment out of that account (by another app) is a booking this app may read.
        var (_, _, payer, _) = await _journey.NewAppAsync();
        var initiation = PaymentJourney.Initiation(amount: "75.00", debtorAccountId: account);
        var (paymentConsent, customerApi) = await _journey.Payments.AuthorisedAsync(payer, initiation, ConsentJourney.Customer(2), account);
        using var submitted = await PaymentJourney.SubmitAsync(customerApi, paymentConsent, initiation, PaymentJourney.NewKey());
        await PaymentJourney.FinalStatusAsync(customerApi, await PaymentJourney.AcceptedAsync(submitted));

        using var reader = await _journey.Payments.Consents.AppApiAsync(app);
        using (var revoked = await reader.DeleteAsync($"/v1/consents/{consentId}", Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        var received = await _receiver.WaitForAsync(endpoint.Url, 3);
        var bodies = received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        var consentEvents = bodies.Where(b => b.GetProperty("subject").GetString() == consentId)
            .OrderBy(b => b.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(["consent.authorised", "consent.revoked"], consentEvents.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal([1L, 2L], consentEvents.Select(b => b.GetProperty("sequence").GetInt64()));
        var posted = Assert.Single(bodies, b => b.GetProperty("type").GetString() == "transaction.posted");
        Assert.Equal(account, posted.GetProperty("data").GetProperty("accountId").GetString());
        Assert.Equal("Debit", posted.GetProperty("data").GetProperty("creditDebitIndicator").GetString());
    }

    [Fact]
    public async Task A_failing_endpoint_is_retried_on_the_schedule_until_it_answers()
    {
        var (_, _, _, api) = await _journey.NewAppAsync();
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(new([500, 503, 200])), "payment.completed");
        var (eventId, deliveryId) = await WebhookJourney.SendTestAsync(api, endpoint.Id);

        var delivery = await WebhookJourney.FinalDeliveryAsync(api, endpoint.Id, deliveryId);
        Assert.Equal("Succeeded", delivery.GetProperty("status").GetString());
        Assert.Equal([500, 503, 200], delivery.GetProperty("attemptLog").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));

        // The same webhook-id every time; the waits follow the (test stack's) schedule 1 s, 2 s within the ±20% jitter.
        var received = _receiver.At(endpoint.Url);
        Assert.Equal(3, received.Count);
        Assert.All(received, r => Assert.Equal(eventId, r.Id));
        Assert.All(received, r => Assert.True(StandardWebhooksVerifier.Verify(endpoint.Secret, r)));
        var waits = received.Zip(received.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.InRange(waits[0].TotalSeconds, 0.75, 2.5);
        Assert.InRange(waits[1].TotalSeconds, 1.55, 3.5);
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_shown_failing_then_disabled_and_its_owner_emailed()
    {
        var (developer, _, _, api) = await _journey.NewAppAsync();
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(new([500])), "payment.completed");
        var (_, first) = await WebhookJourney.SendTestAsync(api, endpoint.Id);

        // Exhausted: four attempts (the first and three retries), then Failed.
        var failed = await WebhookJourney.FinalDeliveryAsync(api, endpoint.Id, first);
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Equal(4, failed.GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 500", failed.GetProperty("lastError").GetString());

        var failing = await WebhookJourney.GetJsonAsync(api, $"/v1/webhook-endpoints/{endpoint.Id}");
        Assert.Equal("Failing", failing.GetProperty("status").GetString());
        Assert.True(failing.GetProperty("disablesAt").GetDateTimeOffset() > failing.GetProperty("failingSince").GetDateTimeOffset());

        // Still failing past the disable period (20 s in the test stack): disabled, and the developer told by email.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        JsonElement current;
        do
        {
            using (await api.PostAsync($"/v1/webhook-endpoints/{endpoint.Id}/test", null, Cancel))
            {
            }

            await Task.Delay(1000, Cancel);
            current = await WebhookJourney.GetJsonAsync(api, $"/v1/webhook-endpoints/{endpoint.Id}");
        }
        while (current.GetProperty("status").GetString() != "Disabled" && DateTimeOffset.UtcNow < deadline);

        Assert.Equal("Disabled", current.GetProperty("status").GetString());
        Assert.Contains("every delivery failed", current.GetProperty("disabledReason").GetString());
        var email = await _journey.Journeys.Mailbox.WaitForAsync(developer.Email, "disabled", Cancel);
        Assert.Contains(endpoint.Url, email.TextBody ?? email.HtmlBody);

        using var test = await api.PostAsync($"/v1/webhook-endpoints/{endpoint.Id}/test", null, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, test.StatusCode);
        Assert.Contains("webhook_endpoint_disabled", await test.Content.ReadAsStringAsync(Cancel));

        // Re-enabled: delivering again, the failing streak forgotten.
        using var enable = await api.PatchAsJsonAsync($"/v1/webhook-endpoints/{endpoint.Id}", new { enabled = true }, Cancel);
        Assert.Equal("Active", (await enable.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("timeout", "Timed out after 2 s")]
    [InlineData("close", "Connection closed")]
    [InlineData("redirect", "Redirect (302) not followed")]
    [InlineData("slow", null)]
    public async Task Each_way_an_endpoint_can_misbehave_is_recorded_as_what_it_was(string kind, string? error)
    {
        var behaviour = kind switch
        {
            "timeout" => new WebhookReceiver.Behaviour([200], Delay: TimeSpan.FromSeconds(4)),
            "close" => new WebhookReceiver.Behaviour([200], Close: true),
            "redirect" => new WebhookReceiver.Behaviour([200], RedirectTo: "https://elsewhere.example/hook"),
            _ => new WebhookReceiver.Behaviour([200], Delay: TimeSpan.FromSeconds(1)),
        };
        var (_, _, _, api) = await _journey.NewAppAsync();
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(behaviour), "payment.completed");
        var (_, deliveryId) = await WebhookJourney.SendTestAsync(api, endpoint.Id);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        JsonElement delivery;
        do
        {
            await Task.Delay(300, Cancel);
            delivery = await WebhookJourney.DeliveryAsync(api, endpoint.Id, deliveryId);
        }
        while (delivery.GetProperty("attempts").GetInt32() == 0 && DateTimeOffset.UtcNow < deadline);

        var attempt = delivery.GetProperty("attemptLog").EnumerateArray().First();
        if (error is null)
        {
            Assert.Equal("Succeeded", delivery.GetProperty("status").GetString());
            Assert.True(attempt.GetProperty("durationMs").GetInt32() >= 900);
        }
        else
        {
            Assert.StartsWith(error, attempt.GetProperty("error").GetString());
            Assert.NotEqual("Succeeded", delivery.GetProperty("status").GetString());
        }

        using (await api.DeleteAsync($"/v1/webhook-endpoints/{endpoint.Id}", Cancel))
        {
        }
    }

    [Fact]
    public async Task A_slow_endpoint_does_not_delay_another_endpoints_deliveries()
    {
        var (_, _, _, api) = await _journey.NewAppAsync();
        var slow = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(new([200], Delay: TimeSpan.FromMilliseconds(1500))), "payment.completed");
        var fast = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(), "payment.completed");

        const int each = 24;
        for (var i = 0; i < each; i++)
        {
            await WebhookJourney.SendTestAsync(api, slow.Id);
        }

        var started = DateTimeOffset.UtcNow;
        for (var i = 0; i < each; i++)
        {
            await WebhookJourney.SendTestAsync(api, fast.Id);
        }

        var fastDone = (await _receiver.WaitForAsync(fast.Url, each, TimeSpan.FromSeconds(15))).Max(r => r.At);
        var slowSoFar = _receiver.At(slow.Url).Count;
        // 24 slow requests, 8 at a time, take at least 4.5 s; the fast endpoint's 24 are all in long before.
        Assert.True(fastDone - started < TimeSpan.FromSeconds(3), $"the fast endpoint took {(fastDone - started).TotalSeconds:0.0} s");
        Assert.True(slowSoFar < each, $"the slow endpoint already had all {slowSoFar}: the test proves nothing");
        await _receiver.WaitForAsync(slow.Url, each, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task During_a_rotation_overlap_both_secrets_sign_and_after_it_only_the_new_one()
    {
        var (_, _, _, api) = await _journey.NewAppAsync();
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(), "payment.completed");

        using var rotate = await api.PostAsJsonAsync($"/v1/webhook-endpoints/{endpoint.Id}/rotate-secret", new { overlapHours = 1 }, Cancel);
        var rotated = await rotate.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var newSecret = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(endpoint.Secret, newSecret);
        Assert.True(rotated.GetProperty("endpoint").GetProperty("previousSecretExpiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(59));
        await WebhookJourney.SendTestAsync(api, endpoint.Id);
        var during = (await _receiver.WaitForAsync(endpoint.Url, 1)).Last();
        Assert.Equal(2, during.Signature.Split(' ').Length);
        Assert.True(StandardWebhooksVerifier.Verify(endpoint.Secret, during), "the old secret no longer verifies during the overlap");
        Assert.True(StandardWebhooksVerifier.Verify(newSecret, during), "the new secret does not verify");
        Assert.Equal("ok", (await OffTheShelfVerifier.VerifyAsync(endpoint.Secret, [during])).Single());
        Assert.Equal("ok", (await OffTheShelfVerifier.VerifyAsync(newSecret, [during])).Single());

        using var again = await api.PostAsJsonAsync($"/v1/webhook-endpoints/{endpoint.Id}/rotate-secret", new { overlapHours = 0 }, Cancel);
        var latest = (await again.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("secret").GetString()!;
        await WebhookJourney.SendTestAsync(api, endpoint.Id);
        var after = (await _receiver.WaitForAsync(endpoint.Url, 2)).Last();
        Assert.True(StandardWebhooksVerifier.Verify(latest, after));
        Assert.False(StandardWebhooksVerifier.Verify(newSecret, after), "a secret rotated out without overlap still signs");
    }

    [Fact]
    public async Task A_failed_delivery_can_be_resent_with_the_same_webhook_id()
    {
        var (_, _, _, api) = await _journey.NewAppAsync();
        var behaviour = new WebhookReceiver.Behaviour([500, 500, 500, 500, 200]);
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(behaviour), "payment.completed");
        var (eventId, deliveryId) = await WebhookJourney.SendTestAsync(api, endpoint.Id);
        Assert.Equal("Failed", (await WebhookJourney.FinalDeliveryAsync(api, endpoint.Id, deliveryId)).GetProperty("status").GetString());

        using var resend = await api.PostAsync($"/v1/webhook-endpoints/{endpoint.Id}/deliveries/{deliveryId}/resend", null, Cancel);
        Assert.True(resend.StatusCode == HttpStatusCode.Accepted, await resend.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("Succeeded", (await WebhookJourney.FinalDeliveryAsync(api, endpoint.Id, deliveryId)).GetProperty("status").GetString());
        Assert.All(_receiver.At(endpoint.Url), r => Assert.Equal(eventId, r.Id));
        Assert.Equal(5, _receiver.At(endpoint.Url).Count);
    }

    [Fact]
    public async Task The_event_log_pages_by_cursor_and_shows_an_app_only_its_own_events()
    {
        var (_, _, _, api) = await _journey.NewAppAsync();
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(), "payment.completed");
        var sent = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add((await WebhookJourney.SendTestAsync(api, endpoint.Id)).EventId);
        }

        var seen = new List<string>();
        string? next = "/v1/events?type=webhook.test&limit=2";
        while (next is not null)
        {
            var page = await WebhookJourney.GetJsonAsync(api, next);
            seen.AddRange(page.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            next = page.GetProperty("links").TryGetProperty("next", out var link) && link.ValueKind == JsonValueKind.String
                ? new Uri(link.GetString()!).PathAndQuery : null;
        }

        Assert.Equal(sent, seen);

        var (_, _, _, other) = await _journey.NewAppAsync();
        var theirs = await WebhookJourney.GetJsonAsync(other, "/v1/events");
        Assert.Empty(theirs.GetProperty("data").EnumerateArray());
        using var peek = await other.GetAsync($"/v1/events/{sent[0]}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
        using var foreign = await other.GetAsync($"/v1/webhook-endpoints/{endpoint.Id}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("webhook_endpoint_not_found", await foreign.Content.ReadAsStringAsync(Cancel));
    }
}
