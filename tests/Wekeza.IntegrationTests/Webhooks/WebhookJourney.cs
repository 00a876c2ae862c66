using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wekeza.IntegrationTests.Identity;
using Wekeza.IntegrationTests.Payments;

namespace Wekeza.IntegrationTests.Webhooks;

/// <summary>The steps of a developer setting up webhooks, through the API as an app (or its developer) calls it.</summary>
public sealed class WebhookJourney(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public PaymentJourney Payments { get; } = new(platform);

    public Journeys Journeys => Payments.Journeys;

    public sealed record Endpoint(string Id, string Url, string Secret);

    /// <summary>A developer, their app (every app scope), and the API as the app itself calls it.</summary>
    public async Task<(Person Developer, string PortalToken, Journeys.CreatedApp App, HttpClient Api)> NewAppAsync()
    {
        var (developer, token, app) = await Journeys.NewAppAsync("accounts.read", "transactions.read", "payments.write");
        return (developer, token, app, await Payments.AppApiAsync(app));
    }

    public static async Task<Endpoint> CreateEndpointAsync(HttpClient api, string url, params string[] eventTypes)
    {
        using var response = await api.PostAsJsonAsync("/v1/webhook-endpoints", new { url, eventTypes }, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var json = JsonDocument.Parse(body).RootElement;
        return new Endpoint(json.GetProperty("endpoint").GetProperty("id").GetString()!, url, json.GetProperty("secret").GetString()!);
    }

    public static async Task<(string EventId, string DeliveryId)> SendTestAsync(HttpClient api, string endpointId)
    {
        using var response = await api.PostAsync($"/v1/webhook-endpoints/{endpointId}/test", null, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("eventId").GetString()!, json.GetProperty("deliveryId").GetString()!);
    }

    public static async Task<JsonElement> DeliveryAsync(HttpClient api, string endpointId, string deliveryId)
    {
        using var response = await api.GetAsync($"/v1/webhook-endpoints/{endpointId}/deliveries/{deliveryId}", Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Polls the delivery until it is final (Succeeded or Failed) and returns it.</summary>
    public static async Task<JsonElement> FinalDeliveryAsync(HttpClient api, string endpointId, string deliveryId, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var delivery = await DeliveryAsync(api, endpointId, deliveryId);
            if (delivery.GetProperty("status").GetString() != "Pending")
            {
                return delivery;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Delivery {deliveryId} still Pending: {delivery}");
            await Task.Delay(200, Cancel);
        }
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(path, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
