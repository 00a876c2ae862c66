using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wekeza.IntegrationTests.Consents;
using Wekeza.IntegrationTests.Payments;
using Wekeza.IntegrationTests.Webhooks;
using Wekeza.Tests;

namespace Wekeza.IntegrationTests.Observability;

/// <summary>
/// The platform's own metrics as Prometheus scrapes them from each service's <c>/metrics</c>, moved by a real app's
/// tokens, a sandbox payment and its webhook. Other tests share the stack, so counters are compared before and after.
/// </summary>
public sealed class BusinessMetricsTests(PlatformFixture platform) : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly WebhookJourney _journey = new(platform);
    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Tokens_a_completed_payment_and_its_webhook_move_the_counters_and_the_backlog_gauges_are_scraped()
    {
        var before = await ScrapeAsync();

        var (_, _, app, api) = await _journey.NewAppAsync();
        using (var issued = await _journey.Journeys.TokenAsync(app.ClientId, app.ClientSecret,
            new() { ["grant_type"] = "client_credentials", ["scope"] = "payments.write" }))
        {
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        }

        using (var refused = await _journey.Journeys.TokenAsync(app.ClientId, "not-the-secret", new() { ["grant_type"] = "client_credentials" }))
        {
            Assert.Equal("invalid_client", (await refused.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error").GetString());
        }

        // The endpoint fails once, so the delivery is retried (1 s on the test stack) before it succeeds.
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, _receiver.Endpoint(new([500, 200])), "payment.completed");
        var debtor = await _journey.Payments.OpenFundedAccountAsync(1, 1_000m);
        var initiation = PaymentJourney.Initiation(amount: "40.00", reference: "METRICS-1", debtorAccountId: debtor);
        var (consentId, customerApi) = await _journey.Payments.AuthorisedAsync(app, initiation, ConsentJourney.Customer(1), debtor);
        using var submitted = await PaymentJourney.SubmitAsync(customerApi, consentId, initiation, PaymentJourney.NewKey());
        var paymentId = await PaymentJourney.AcceptedAsync(submitted);
        Assert.Equal("Completed", (await PaymentJourney.FinalStatusAsync(customerApi, paymentId)).GetProperty("status").GetString());
        await _receiver.WaitForAsync(endpoint.Url, 2);

        // Each expectation: the service, the sample, its labels, and by how much at least it must have moved.
        (string Service, string Name, (string, string)[] Labels, double By)[] moved =
        [
            ("auth", "wekeza_tokens_issued_total", [("grant_type", "client_credentials")], 2),
            ("auth", "wekeza_tokens_issued_total", [("grant_type", "authorization_code")], 1),
            ("auth", "wekeza_token_requests_failed_total", [("error", "invalid_client")], 1),
            ("api", "wekeza_payments_accepted_total", [("environment", "sandbox")], 1),
            ("workers", "wekeza_payments_finalised_total", [("status", "Completed")], 1),
            ("workers", "wekeza_webhook_attempts_total", [("outcome", "failure")], 1),
            ("workers", "wekeza_webhook_attempts_total", [("outcome", "success")], 1),
            ("workers", "wekeza_webhook_delivery_lag_seconds_count", [], 1),
        ];
        (string Name, (string, string)[] Labels)[] gauges =
        [
            ("wekeza_payments_in_process", []),
            ("wekeza_payments_oldest_in_process_age_seconds", []),
            ("wekeza_outbox_backlog", []),
            ("wekeza_outbox_oldest_age_seconds", []),
            ("wekeza_webhook_deliveries_pending", []),
            ("wekeza_queue_messages", [("queue", "workers.events")]),
            ("wekeza_queue_messages", [("queue", "workers.webhooks")]),
            ("wekeza_webhook_delivery_lag_seconds_bucket", [("le", "+Inf")]),
        ];

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        Dictionary<string, string> after;
        List<string> missing;
        do
        {
            await Task.Delay(250, Cancel);
            after = await ScrapeAsync();
            missing =
            [
                .. moved.Where(m => (PrometheusText.Value(after[m.Service], m.Name, m.Labels) ?? 0) < (PrometheusText.Value(before[m.Service], m.Name, m.Labels) ?? 0) + m.By)
                    .Select(m => $"{m.Service}: {m.Name}{Show(m.Labels)} did not move by {m.By} (before {PrometheusText.Value(before[m.Service], m.Name, m.Labels) ?? 0}, after {PrometheusText.Value(after[m.Service], m.Name, m.Labels) ?? 0})"),
                .. gauges.Where(g => PrometheusText.Value(after["workers"], g.Name, g.Labels) is null).Select(g => $"workers: no {g.Name}{Show(g.Labels)}"),
            ];
        }
        while (missing.Count > 0 && DateTimeOffset.UtcNow < deadline);

        Assert.True(missing.Count == 0, string.Join("\n", missing) + "\n--- workers' /metrics ---\n" + Excerpt(after["workers"]));

        // A gauge is a figure, not a failure: never negative, and the ages are in seconds (this payment is not waiting).
        Assert.All(gauges.Take(5), g => Assert.True(PrometheusText.Value(after["workers"], g.Name, g.Labels) >= 0, g.Name));
    }

    /// <summary>Auth's, api's and workers' <c>/metrics</c>, asked for as Prometheus asks (OpenMetrics first).</summary>
    private async Task<Dictionary<string, string>> ScrapeAsync()
    {
        var scraped = new Dictionary<string, string>();
        foreach (var service in new[] { "auth", "api", "workers" })
        {
            using var http = platform.CreateClient(service);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Accept.Clear();
            request.Headers.Accept.ParseAdd("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
            using var response = await http.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            scraped[service] = await response.Content.ReadAsStringAsync(Cancel);
        }

        return scraped;
    }

    private static string Show((string Label, string Value)[] labels) =>
        labels.Length == 0 ? "" : "{" + string.Join(",", labels.Select(l => $"{l.Label}=\"{l.Value}\"")) + "}";

    private static string Excerpt(string exposition) =>
        string.Join("\n", exposition.Split('\n').Where(line => line.Contains("wekeza_", StringComparison.Ordinal)));
}
