using System.Text.Json.Nodes;

namespace Wekeza.IntegrationTests.Robustness;

/// <summary>One operation of the API's own OpenAPI document: what the flood sends its attacks to.</summary>
public sealed record ApiOperation(
    string Method,
    string Template,
    string Id,
    IReadOnlyList<string> PathParameters,
    IReadOnlyList<string> QueryParameters,
    IReadOnlyList<string> HeaderParameters,
    JsonObject? Body,
    bool BodyRequired = true)
{
    public override string ToString() => $"{Method} {Template}";

    /// <summary>Every string leaf of <see cref="Body"/>, as a path of property names and array indexes.</summary>
    public IReadOnlyList<object[]> BodyStringFields => Body is null ? [] : [.. StringLeaves(Body, [])];

    private static IEnumerable<object[]> StringLeaves(JsonNode node, object[] path) => node switch
    {
        JsonObject obj => obj.SelectMany(property => property.Value is null ? [] : StringLeaves(property.Value, [.. path, property.Key])),
        JsonArray array => array.SelectMany((item, index) => item is null ? [] : StringLeaves(item, [.. path, index])),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => [path],
        _ => [],
    };
}

/// <summary>
/// Reads <c>/openapi/v1.json</c> into <see cref="ApiOperation"/>s, so an endpoint added tomorrow is flooded without a
/// change here. A request body is the operation's example where it has one, completed from its schema, so that every
/// string field the schema lists is present to carry an injection.
/// </summary>
public static partial class ApiOperations
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public static IReadOnlyList<ApiOperation> From(JsonNode document)
    {
        var components = document["components"]?["schemas"]?.AsObject();
        var operations = new List<ApiOperation>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            var shared = item?["parameters"]?.AsArray() ?? [];
            foreach (var method in Methods)
            {
                if (item?[method] is not JsonObject operation)
                {
                    continue;
                }

                var parameters = shared.Concat(operation["parameters"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
                string[] In(string where) => [.. parameters.Where(p => (string?)p["in"] == where).Select(p => (string)p["name"]!).Distinct()];
                var json = operation["requestBody"]?["content"]?["application/json"];
                var body = json is null ? null : Complete(json["example"]?.DeepClone() as JsonObject ?? [], json["schema"], components, 0);
                // The template's own parameters too: one a filter reads (an app's client id) is not always documented.
                string[] path = [.. In("path").Union(RouteParameter().Matches(template).Select(match => match.Groups[1].Value))];
                operations.Add(new ApiOperation(method.ToUpperInvariant(), template, (string?)operation["operationId"] ?? $"{method} {template}",
                    path, In("query"), In("header"), body, (bool?)operation["requestBody"]?["required"] ?? false));
            }
        }

        return operations;
    }

    /// <summary>Adds to <paramref name="target"/> every property of <paramref name="schema"/> it lacks, with a plain value of its type.</summary>
    private static JsonObject Complete(JsonObject target, JsonNode? schema, JsonObject? components, int depth)
    {
        var resolved = Resolve(schema, components);
        if (depth > 6 || resolved?["properties"] is not JsonObject properties)
        {
            return target;
        }

        foreach (var (name, propertySchema) in properties)
        {
            var property = Resolve(propertySchema, components);
            var type = TypeOf(property);
            if (target[name] is JsonObject nested)
            {
                Complete(nested, property, components, depth + 1);
            }
            else if (target[name] is null)
            {
                target[name] = type switch
                {
                    "string" => "text",
                    "object" => Complete([], property, components, depth + 1),
                    "array" when TypeOf(Resolve(property?["items"], components)) == "string" => new JsonArray("text"),
                    _ => null,
                };
                if (target[name] is null)
                {
                    target.Remove(name);
                }
            }
        }

        return target;
    }

    private static JsonNode? Resolve(JsonNode? schema, JsonObject? components)
    {
        for (var hops = 0; hops < 8 && schema is JsonObject obj; hops++)
        {
            if ((string?)obj["$ref"] is { } reference)
            {
                schema = components?[reference.Split('/')[^1]];
            }
            else if ((obj["anyOf"] ?? obj["oneOf"] ?? obj["allOf"]) is JsonArray choices)
            {
                schema = choices.FirstOrDefault(choice => TypeOf(choice) != "null");
            }
            else
            {
                return schema;
            }
        }

        return schema;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(\w+)[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();

    private static string? TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
        JsonValue type => (string?)type,
        _ => schema?["properties"] is not null ? "object" : null,
    };
}
