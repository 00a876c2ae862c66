using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Wekeza.Webhooks;

namespace Wekeza.Api.Tests.OpenApi;

/// <summary>The OpenAPI document's <c>webhooks</c>: what an app's endpoint receives, one entry per event type.</summary>
public sealed class WebhooksDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> EventTypes => [.. WebhookEventTypes.All, WebhookEventTypes.Test];

    [Fact]
    public async Task The_document_is_openapi_3_1_and_lists_every_event_type_and_nothing_else()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString());
        var listed = document.GetProperty("webhooks").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal([.. WebhookEventTypes.All.Append(WebhookEventTypes.Test).Order(StringComparer.Ordinal)], listed);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public async Task Each_event_type_is_a_post_with_the_three_standard_webhooks_headers(string type)
    {
        var post = (await DocumentAsync()).GetProperty("webhooks").GetProperty(type).GetProperty("post");

        var headers = post.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["webhook-id", "webhook-signature", "webhook-timestamp"], headers.Keys.Order(StringComparer.Ordinal));
        Assert.All(headers.Values, header =>
        {
            Assert.Equal("header", header.GetProperty("in").GetString());
            Assert.True(header.GetProperty("required").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(header.GetProperty("description").GetString()));
        });
        Assert.Contains("HMAC-SHA256", headers["webhook-signature"].GetProperty("description").GetString());
        Assert.True(post.GetProperty("responses").TryGetProperty("2XX", out _));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public async Task Each_event_type_has_the_envelope_and_an_example_of_its_own_type(string type)
    {
        var document = await DocumentAsync();
        var json = document.GetProperty("webhooks").GetProperty(type).GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json");

        var schema = json.GetProperty("schema");
        var envelope = schema.GetProperty("properties");
        Assert.Equal(["data", "id", "sequence", "subject", "timestamp", "type"], envelope.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(type, Assert.Single(envelope.GetProperty("type").GetProperty("enum").EnumerateArray()).GetString());

        var example = json.GetProperty("example");
        Assert.Equal(type, example.GetProperty("type").GetString());
        Assert.StartsWith("evt_", example.GetProperty("id").GetString());
        Assert.Equal(type == WebhookEventTypes.Test ? JsonValueKind.Null : JsonValueKind.Number, example.GetProperty("sequence").ValueKind);

        // The example's data has exactly the properties of the data schema it claims to follow.
        var data = Resolve(document, envelope.GetProperty("data"));
        Assert.Equal(data.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            example.GetProperty("data").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(data.GetProperty("properties").EnumerateObject().Count(), data.GetProperty("required").GetArrayLength());
    }

    [Fact]
    public async Task The_catalog_s_descriptions_are_the_summaries_words()
    {
        var webhooks = (await DocumentAsync()).GetProperty("webhooks");

        Assert.All(WebhookEventTypes.Catalog, entry =>
            Assert.StartsWith(entry.Description, webhooks.GetProperty(entry.Type).GetProperty("post").GetProperty("description").GetString()));
    }

    [Fact]
    public async Task The_webhooks_guide_shows_the_same_example_of_every_event_type()
    {
        var webhooks = (await DocumentAsync()).GetProperty("webhooks");
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Wekeza.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("No Wekeza.sln above the test's folder.");
        }

        var guide = await File.ReadAllTextAsync(Path.Combine(root.FullName, "docs", "webhooks.md"), Cancel);
        var shown = Regex.Matches(guide, "```json\n(.*?)```", RegexOptions.Singleline)
            .Select(block => JsonNode.Parse(block.Groups[1].Value))
            .Where(json => json?["type"] is not null && json["data"] is not null)
            .ToDictionary(json => json!["type"]!.GetValue<string>());

        Assert.All(webhooks.EnumerateObject(), webhook =>
        {
            var example = JsonNode.Parse(webhook.Value.GetProperty("post").GetProperty("requestBody").GetProperty("content")
                .GetProperty("application/json").GetProperty("example").GetRawText());
            Assert.True(shown.TryGetValue(webhook.Name, out var inGuide), $"docs/webhooks.md shows no example of {webhook.Name}");
            Assert.True(JsonNode.DeepEquals(example, inGuide), $"docs/webhooks.md shows another {webhook.Name} than the OpenAPI document");
        });
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var response = await factory.CreateClient().GetAsync("/openapi/v1.json", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        var reference = schema.GetProperty("$ref").GetString()!;
        Assert.StartsWith("#/components/schemas/", reference);
        return document.GetProperty("components").GetProperty("schemas").GetProperty(reference["#/components/schemas/".Length..]);
    }
}
