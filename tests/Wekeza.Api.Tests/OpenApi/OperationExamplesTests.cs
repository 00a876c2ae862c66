using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wekeza.Api.OpenApi.Examples;

namespace Wekeza.Api.Tests.OpenApi;

/// <summary>
/// The examples of the /v1 operations in the OpenAPI document: every body sent and every success answer has one, each
/// fits its schema and reads back into the endpoint's own request record unchanged, so a record that changes cannot
/// leave its example behind.
/// </summary>
public sealed class OperationExamplesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Json = "application/json";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operation_that_takes_a_json_body_has_a_request_example()
    {
        var operations = Operations(await DocumentAsync()).Where(o => RequestBody(o.Operation) is not null).ToList();

        Assert.Contains(operations, o => o.Id == "CreatePayment");
        Assert.Empty(operations.Where(o => !RequestBody(o.Operation)!.Value.TryGetProperty("example", out _)).Select(o => o.Id));
    }

    [Fact]
    public async Task Every_operation_has_an_example_of_its_success_response()
    {
        var operations = Operations(await DocumentAsync()).ToList();

        Assert.All(operations, o => Assert.True(Success(o.Operation) is not null, $"{o.Id} declares no 2xx response"));
        // A 204 has no body to show, and a file (the usage CSV) no JSON one; every other success does.
        var withBody = operations.Where(o => SuccessBody(o.Operation) is not null).ToList();
        Assert.Equal(operations.Count - operations.Count(o => Success(o.Operation)!.Value.Name == "204" || IsFile(o.Operation)), withBody.Count);
        Assert.Empty(withBody.Where(o => !SuccessBody(o.Operation)!.Value.TryGetProperty("example", out _)).Select(o => o.Id));
    }

    [Fact]
    public async Task Every_declared_422_shows_the_validation_problem_as_delivered()
    {
        var declaring = Operations(await DocumentAsync())
            .Where(o => o.Operation.GetProperty("responses").TryGetProperty("422", out _)).ToList();

        Assert.NotEmpty(declaring);
        Assert.All(declaring, o =>
        {
            var content = o.Operation.GetProperty("responses").GetProperty("422").GetProperty("content").GetProperty("application/problem+json");
            Assert.True(content.TryGetProperty("example", out var problem), $"{o.Id}'s 422 has no example");
            Assert.Equal(422, problem.GetProperty("status").GetInt32());
            Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
            Assert.EndsWith("/docs/errors#validation_failed", problem.GetProperty("type").GetString());
            Assert.False(problem.GetProperty("retryable").GetBoolean());
            Assert.True(Guid.TryParse(problem.GetProperty("interactionId").GetString(), out _));
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
            Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("traceId").GetString());
            // The request path, with the example's ids where the route has parameters.
            var instance = problem.GetProperty("instance").GetString()!;
            Assert.StartsWith("/v1/", instance);
            Assert.DoesNotContain("{", instance, StringComparison.Ordinal);
            Assert.Equal(o.Path.Count(c => c == '/'), instance.Count(c => c == '/'));
            var errors = problem.GetProperty("errors").EnumerateObject().ToList();
            Assert.NotEmpty(errors);
            Assert.All(errors, field => Assert.All(field.Value.EnumerateArray(), message => Assert.False(string.IsNullOrWhiteSpace(message.GetString()))));
        });
    }

    [Fact]
    public async Task Every_example_has_only_properties_its_schema_has_with_values_of_their_types()
    {
        var document = await DocumentAsync();

        var misfits = new List<string>();
        foreach (var (id, _, operation) in Operations(document))
        {
            if (RequestBody(operation) is { } body && body.TryGetProperty("example", out var request))
            {
                Fit(document, body.GetProperty("schema"), request, $"{id} request", misfits);
            }

            if (SuccessBody(operation) is { } success && success.TryGetProperty("example", out var response))
            {
                Fit(document, success.GetProperty("schema"), response, $"{id} response", misfits);
            }
        }

        Assert.Empty(misfits);
    }

    [Fact]
    public async Task Every_request_example_reads_into_its_request_record_without_loss()
    {
        var options = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var records = typeof(ApiExamples).Assembly.GetTypes().Where(t => !t.IsGenericType).ToLookup(t => t.Name, StringComparer.Ordinal);
        var bodies = Operations(await DocumentAsync()).Where(o => RequestBody(o.Operation) is not null).ToList();

        Assert.All(bodies, o =>
        {
            var body = RequestBody(o.Operation)!.Value;
            var name = SchemaName(body.GetProperty("schema"));
            var record = Assert.Single(records[name]);
            var example = body.GetProperty("example").GetRawText();

            var read = JsonSerializer.Deserialize(example, record, options);
            var written = JsonSerializer.SerializeToNode(read, record, options);

            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(example), written), $"{o.Id}'s example changes when read as {record.Name}: {written?.ToJsonString()}");
        });
    }

    [Fact]
    public async Task Every_example_in_the_catalog_lands_on_an_operation_of_the_document()
    {
        var operations = Operations(await DocumentAsync()).ToDictionary(o => o.Id, o => o.Operation, StringComparer.Ordinal);

        Assert.All(ApiExamples.ByOperation, pair =>
        {
            var (name, example) = pair;
            Assert.True(operations.TryGetValue(name, out var operation), $"No operation is named {name}");
            Assert.True(example.Request is not null == RequestBody(operation) is not null, $"{name}: a request example exactly when it takes a JSON body");
            Assert.True(example.Response is not null == SuccessBody(operation) is not null, $"{name}: a response example exactly when its success has a body");
            Assert.True(example.Invalid is not null == operation.GetProperty("responses").TryGetProperty("422", out _),
                $"{name}: a problem example exactly when it declares 422");
        });
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var response = await factory.CreateClient().GetAsync("/openapi/v1.json", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private static IEnumerable<(string Id, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        where path.Name.StartsWith("/v1/", StringComparison.Ordinal)
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select (method.Value.GetProperty("operationId").GetString()!, path.Name, method.Value);

    private static JsonElement? RequestBody(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty(Json, out var json) ? json : null;

    private static JsonProperty? Success(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).Cast<JsonProperty?>().FirstOrDefault();

    private static bool IsFile(JsonElement operation) =>
        Success(operation)!.Value.Value.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any() && content.EnumerateObject().All(type => type.Name == "text/csv");

    private static JsonElement? SuccessBody(JsonElement operation) =>
        Success(operation) is { } success && success.Value.TryGetProperty("content", out var content) && content.TryGetProperty(Json, out var json)
            ? json : null;

    /// <summary>The component a body's schema names, through the <c>oneOf [null, $ref]</c> of a nullable parameter.</summary>
    private static string SchemaName(JsonElement schema)
    {
        var reference = schema.TryGetProperty("$ref", out var direct)
            ? direct
            : schema.GetProperty("oneOf").EnumerateArray().Single(s => s.TryGetProperty("$ref", out _)).GetProperty("$ref");
        return reference.GetString()!["#/components/schemas/".Length..];
    }

    /// <summary>Walks the example and its schema together: each property must be one the schema names, each value of a type it allows.</summary>
    private static void Fit(JsonElement document, JsonElement schema, JsonElement example, string at, List<string> misfits)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..]);
        }

        if (schema.TryGetProperty("oneOf", out var alternatives) || schema.TryGetProperty("anyOf", out alternatives))
        {
            // Fitting one alternative is enough (a nullable record is oneOf null or its schema); fitting none, say what is closest.
            var tries = alternatives.EnumerateArray()
                .Where(alternative => example.ValueKind == JsonValueKind.Null || !IsNullOnly(alternative))
                .Select(alternative =>
                {
                    var found = new List<string>();
                    Fit(document, alternative, example, at, found);
                    return found;
                }).ToList();
            if (tries.All(found => found.Count > 0))
            {
                misfits.AddRange(tries.MinBy(found => found.Count) ?? [$"{at} fits no alternative"]);
            }

            return;
        }

        if (schema.TryGetProperty("type", out var type) && !Allows(type, example.ValueKind))
        {
            misfits.Add($"{at}: {example.ValueKind} where the schema says {type.GetRawText()}");
            return;
        }

        if (example.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in example.EnumerateObject())
            {
                if (properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Fit(document, propertySchema, property.Value, $"{at}.{property.Name}", misfits);
                }
                else
                {
                    misfits.Add($"{at}.{property.Name} is not in the schema");
                }
            }
        }
        else if (example.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in example.EnumerateArray())
            {
                Fit(document, items, item, $"{at}[{index++}]", misfits);
            }
        }
    }

    private static bool IsNullOnly(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

    private static bool Allows(JsonElement type, JsonValueKind kind)
    {
        var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()) : [type.GetString()];
        return names.Any(name => (name, kind) switch
        {
            ("object", JsonValueKind.Object) or ("array", JsonValueKind.Array) or ("string", JsonValueKind.String) or ("null", JsonValueKind.Null) => true,
            ("integer" or "number", JsonValueKind.Number) => true,
            ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
            _ => false,
        });
    }
}
