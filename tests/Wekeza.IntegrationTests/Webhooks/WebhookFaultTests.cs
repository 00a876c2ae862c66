using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Wekeza.IntegrationTests.Consents;

namespace Wekeza.IntegrationTests.Webhooks;

/// <summary>
/// Faults during delivery: every event ends delivered (or recorded as failed), none lost, and none sent twice except
/// what was in flight at the moment of a crash (at least once, never more than needed).
/// </summary>
public sealed class WebhookFaultTests(PlatformFixture platform) : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly WebhookJourney _journey = new(platform);
    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Workers_killed_mid_delivery_resend_what_was_in_flight_and_deliver_what_happened_while_they_were_down()
    {
        var (_, _, app, api) = await _journey.NewAppAsync();
        var slow = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(new([200], Delay: TimeSpan.FromMilliseconds(1500))), "consent.revoked");
        var consents = _journey.Payments.Consents;
        var consentId = await consents.CreateConsentAsync(app);
        await consents.AuthoriseAsync(app, consentId, ConsentJourney.Customer(2), "acc_000301");

        var sent = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            sent.Add((await WebhookJourney.SendTestAsync(api, slow.Id)).EventId);
        }

        await _receiver.WaitForAsync(slow.Url, 1);
        var workers = platform.App.GetResource("workers");
        using (var process = Process.GetProcessById(workers.Processes.Last().Id))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Cancel);
        }

        // Happens while no worker runs: the event waits in the outbox.
        using (var reader = await consents.AppApiAsync(app))
        using (var revoked = await reader.DeleteAsync($"/v1/consents/{consentId}", Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        await platform.App.RestartAsync("workers", Cancel);
        var received = await _receiver.WaitForAsync(slow.Url, sent.Count + 1, TimeSpan.FromSeconds(60));
        var byId = _receiver.At(slow.Url).GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(sent, id => Assert.InRange(byId.GetValueOrDefault(id), 1, 2));
        var revocation = Assert.Single(_receiver.At(slow.Url), r => r.Body.Contains("\"consent.revoked\"", StringComparison.Ordinal));
        Assert.Contains(consentId, revocation.Body);

        var deliveries = await WebhookJourney.GetJsonAsync(api, $"/v1/webhook-endpoints/{slow.Id}/deliveries");
        var statuses = deliveries.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("status").GetString()).ToList();
        Assert.Equal(sent.Count + 1, statuses.Count);
        await WaitUntilAsync(async () => (await WebhookJourney.GetJsonAsync(api, $"/v1/webhook-endpoints/{slow.Id}/deliveries?status=Pending"))
            .GetProperty("data").GetArrayLength() == 0);
    }

    [Fact]
    public async Task A_rabbitmq_restart_loses_no_event_and_sends_none_twice()
    {
        var (_, _, app, api) = await _journey.NewAppAsync();
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(), "consent.authorised", "consent.revoked");
        var consents = _journey.Payments.Consents;
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var id = await consents.CreateConsentAsync(app);
            await consents.AuthoriseAsync(app, id, ConsentJourney.Customer(2), "acc_000301");
            ids.Add(id);
        }

        var restart = platform.App.RestartAsync("messaging", Cancel);
        using (var reader = await consents.AppApiAsync(app))
        {
            foreach (var id in ids)
            {
                using var revoked = await reader.DeleteAsync($"/v1/consents/{id}", Cancel);
                Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
            }
        }

        await restart;
        await _receiver.WaitForAsync(endpoint.Url, 4, TimeSpan.FromSeconds(60));
        await Task.Delay(1500, Cancel);
        var received = _receiver.At(endpoint.Url);
        Assert.Equal(4, received.Count);
        Assert.Equal(4, received.Select(r => r.Id).Distinct().Count());
        var pairs = received.Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Select(b => (Type: b.GetProperty("type").GetString(), Subject: b.GetProperty("subject").GetString())).ToHashSet();
        Assert.All(ids, id => Assert.Contains(("consent.authorised", id), pairs));
        Assert.All(ids, id => Assert.Contains(("consent.revoked", id), pairs));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(250, Cancel);
        }
    }
}
