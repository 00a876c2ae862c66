using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wekeza.IntegrationTests.Webhooks;

/// <summary>Every way to get a webhook request wrong gets a clear answer, and nobody sees another app's webhooks.</summary>
public sealed class WebhookInputTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly WebhookJourney _journey = new(platform);

    [Theory]
    [InlineData("not a url", "absolute http(s) URL")]
    [InlineData("/hooks/relative", "absolute http(s) URL")]
    [InlineData("ftp://example.com/hook", "absolute http(s) URL")]
    [InlineData("http://example.com/hook", "Use https")]
    [InlineData("https://user:secret@example.com/hook", "credentials")]
    [InlineData("https://example.com/hook#fragment", "fragment")]
    [InlineData("", "Enter the URL")]
    public async Task A_bad_url_is_a_field_error(string url, string message)
    {
        var (_, _, _, api) = await _journey.NewAppAsync();
        var problem = await CreateExpecting422Async(api, new { url, eventTypes = new[] { "payment.completed" } });
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("url")[0].GetString());
    }

    [Fact]
    public async Task Unknown_duplicate_internal_or_missing_event_types_are_field_errors()
    {
        var (_, _, _, api) = await _journey.NewAppAsync();
        var bad = await CreateExpecting422Async(api, new { url = "https://example.com/hook", eventTypes = new[] { "payment.completed", "payment.created", "payment.completed", "nonsense" } });
        var errors = bad.GetProperty("errors");
        Assert.Contains("'payment.created' is not an event type", errors.GetProperty("eventTypes[1]")[0].GetString());
        Assert.Contains("listed twice", errors.GetProperty("eventTypes[2]")[0].GetString());
        Assert.True(errors.TryGetProperty("eventTypes[3]", out _));

        var none = await CreateExpecting422Async(api, new { url = "https://example.com/hook" });
        Assert.Contains("at least one", none.GetProperty("errors").GetProperty("eventTypes")[0].GetString());
        var tooLong = await CreateExpecting422Async(api, new { url = "https://example.com/hook", eventTypes = new[] { "payment.completed" }, description = new string('x', 201) });
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("description", out _));
    }

    [Fact]
    public async Task Bad_paging_filters_and_overlaps_are_field_errors_and_unknown_ids_are_404s()
    {
        var (_, _, _, api) = await _journey.NewAppAsync();
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, "https://example.com/hook", "payment.completed");
        await AssertProblemAsync(await api.GetAsync($"/v1/webhook-endpoints/{endpoint.Id}/deliveries?limit=0", Cancel), 422, "limit");
        await AssertProblemAsync(await api.GetAsync($"/v1/webhook-endpoints/{endpoint.Id}/deliveries?status=Bogus", Cancel), 422, "status");
        await AssertProblemAsync(await api.GetAsync("/v1/events?type=bogus", Cancel), 422, "type");
        await AssertProblemAsync(await api.PostAsJsonAsync($"/v1/webhook-endpoints/{endpoint.Id}/rotate-secret", new { overlapHours = 100 }, Cancel), 422, "overlapHours");
        await AssertProblemAsync(await api.GetAsync("/v1/webhook-endpoints/we_nope", Cancel), 404, "webhook_endpoint_not_found");
        await AssertProblemAsync(await api.GetAsync($"/v1/webhook-endpoints/{endpoint.Id}/deliveries/dlv_nope", Cancel), 404, "webhook_delivery_not_found");
        await AssertProblemAsync(await api.PostAsync($"/v1/webhook-endpoints/{endpoint.Id}/deliveries/dlv_nope/resend", null, Cancel), 404, "webhook_delivery_not_found");
        await AssertProblemAsync(await api.GetAsync("/v1/events/evt_nope", Cancel), 404, "event_not_found");
        using var empty = new StringContent("", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.PostAsync("/v1/webhook-endpoints", empty, Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_bad_change_is_refused_and_leaves_the_endpoint_as_it_was()
    {
        var (_, _, _, api) = await _journey.NewAppAsync();
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, "https://example.com/hook", "payment.completed");
        await AssertProblemAsync(await api.PatchAsJsonAsync($"/v1/webhook-endpoints/{endpoint.Id}",
            new { url = "http://example.com/plain", eventTypes = Array.Empty<string>() }, Cancel), 422, "eventTypes");
        var unchanged = await WebhookJourney.GetJsonAsync(api, $"/v1/webhook-endpoints/{endpoint.Id}");
        Assert.Equal("https://example.com/hook", unchanged.GetProperty("url").GetString());
        Assert.Equal(["payment.completed"], unchanged.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()));

        // A body of the wrong shape is a 400 problem, not a 500; an unknown cursor or a non-number limit is named.
        using var wrongShape = new StringContent("""{"url":"https://example.com/x","eventTypes":"payment.completed"}""", System.Text.Encoding.UTF8, "application/json");
        await AssertProblemAsync(await api.PostAsync("/v1/webhook-endpoints", wrongShape, Cancel), 400, null);
        await AssertProblemAsync(await api.GetAsync("/v1/events?after=evt_not_mine", Cancel), 422, "after");
        await AssertProblemAsync(await api.GetAsync("/v1/events?limit=lots", Cancel), 400, null);

        // Unknown endpoints, for every verb that names one.
        await AssertProblemAsync(await api.PatchAsJsonAsync("/v1/webhook-endpoints/we_nope", new { enabled = false }, Cancel), 404, "webhook_endpoint_not_found");
        await AssertProblemAsync(await api.PostAsync("/v1/webhook-endpoints/we_nope/rotate-secret", null, Cancel), 404, "webhook_endpoint_not_found");
        await AssertProblemAsync(await api.PostAsync("/v1/webhook-endpoints/we_nope/test", null, Cancel), 404, "webhook_endpoint_not_found");
        await AssertProblemAsync(await api.DeleteAsync("/v1/webhook-endpoints/we_nope", Cancel), 404, "webhook_endpoint_not_found");
        Assert.Single((await WebhookJourney.GetJsonAsync(api, "/v1/webhook-endpoints")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Twenty_five_endpoints_created_at_once_stop_at_the_limit_of_twenty()
    {
        var (_, _, _, api) = await _journey.NewAppAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
            api.PostAsJsonAsync("/v1/webhook-endpoints", new { url = $"https://example.com/hook/{i}", eventTypes = new[] { "payment.completed" } }, Cancel)));
        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Contains("webhook_endpoint_limit", await responses.First(r => r.StatusCode != HttpStatusCode.Created).Content.ReadAsStringAsync(Cancel));
        Assert.Equal(20, (await WebhookJourney.GetJsonAsync(api, "/v1/webhook-endpoints")).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_developer_manages_their_own_apps_webhooks_through_the_portal_path_and_no_one_elses()
    {
        var (developer, _, app, api) = await _journey.NewAppAsync();
        var endpoint = await WebhookJourney.CreateEndpointAsync(api, "https://example.com/hook", "payment.completed");
        var portalToken = (await _journey.Journeys.PortalTokensAsync(developer,
            "openid profile email roles offline_access apps.manage webhooks.manage")).GetProperty("access_token").GetString()!;
        using var asDeveloper = _journey.Payments.Consents.Api(portalToken);

        var listed = await WebhookJourney.GetJsonAsync(asDeveloper, $"/v1/apps/{app.ClientId}/webhook-endpoints");
        Assert.Equal(endpoint.Id, listed.GetProperty("data")[0].GetProperty("id").GetString());
        using (var created = await asDeveloper.PostAsJsonAsync($"/v1/apps/{app.ClientId}/webhook-endpoints",
            new { url = "https://example.com/second", eventTypes = new[] { "consent.revoked" } }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.StartsWith($"/v1/apps/{app.ClientId}/webhook-endpoints/we_", created.Headers.Location!.OriginalString);
        }

        // Another developer's app: as if it did not exist. The app's own token on the developer path: refused.
        var (_, _, otherApp, _) = await _journey.NewAppAsync();
        await AssertProblemAsync(await asDeveloper.GetAsync($"/v1/apps/{otherApp.ClientId}/webhook-endpoints", Cancel), 404, "app_not_found");
        await AssertProblemAsync(await api.GetAsync($"/v1/apps/{app.ClientId}/webhook-endpoints", Cancel), 403, null);
        // The developer's token on the app's own path: refused, it names no app.
        await AssertProblemAsync(await asDeveloper.GetAsync("/v1/webhook-endpoints", Cancel), 403, "app_token_required");
    }

    private static async Task<JsonElement> CreateExpecting422Async(HttpClient api, object body)
    {
        using var response = await api.PostAsJsonAsync("/v1/webhook-endpoints", body, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string? mentions)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (mentions is not null)
            {
                Assert.Contains(mentions, text);
            }
        }
    }
}
