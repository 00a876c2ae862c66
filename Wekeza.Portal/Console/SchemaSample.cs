using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wekeza.Portal.Console;

/// <summary>
/// A JSON value shaped like a schema, to start a request body from: every property present, strings empty, numbers
/// zero, date-times a day ahead. Follows <c>$ref</c>s within the document, takes the non-null branch of a nullable
/// <c>oneOf</c>, and stops at a reference it is already inside (recursive schemas).
/// </summary>
internal sealed class SchemaSample(JsonElement root, DateTimeOffset now)
{
    // A safety net only: each $ref and nullable branch counts as a level, and recursion is stopped by reference.
    private const int MaxDepth = 32;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] Given = ["example", "default", "const"];
    private static readonly string[] Alternatives = ["oneOf", "anyOf"];

    private readonly HashSet<string> _inside = new(StringComparer.Ordinal);

    public string Json(JsonElement schema) => Sample(schema, 0)?.ToJsonString(Indented) ?? "null";

    private JsonNode? Sample(JsonElement schema, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            return null;
        }

        if (ConsoleJson.String(schema, "$ref") is { } reference)
        {
            if (!_inside.Add(reference))
            {
                return null;
            }

            try
            {
                return Sample(OpenApiCatalog.Resolve(root, schema), depth + 1);
            }
            finally
            {
                _inside.Remove(reference);
            }
        }

        foreach (var given in Given)
        {
            if (schema.TryGetProperty(given, out var value))
            {
                return JsonNode.Parse(value.GetRawText());
            }
        }

        if (schema.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            var choice = choices.EnumerateArray().FirstOrDefault(value => value.ValueKind != JsonValueKind.Null);
            return choice.ValueKind == JsonValueKind.Undefined ? null : JsonNode.Parse(choice.GetRawText());
        }

        foreach (var alternatives in Alternatives)
        {
            if (schema.TryGetProperty(alternatives, out var options) && options.ValueKind == JsonValueKind.Array)
            {
                var chosen = options.EnumerateArray().FirstOrDefault(option => TypeOf(option) != "null");
                return chosen.ValueKind == JsonValueKind.Object ? Sample(chosen, depth + 1) : null;
            }
        }

        if (schema.TryGetProperty("allOf", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            var merged = new JsonObject();
            foreach (var part in parts.EnumerateArray())
            {
                if (Sample(part, depth + 1) is JsonObject members)
                {
                    foreach (var (name, value) in members.ToList())
                    {
                        members.Remove(name);
                        merged[name] = value;
                    }
                }
            }

            return merged;
        }

        return TypeOf(schema) switch
        {
            "object" => Object(schema, depth),
            "array" => schema.TryGetProperty("items", out var items) && Sample(items, depth + 1) is { } item ? new JsonArray(item) : new JsonArray(),
            "integer" or "number" => JsonValue.Create(0),
            "boolean" => JsonValue.Create(false),
            "null" => null,
            _ => JsonValue.Create(StringSample(ConsoleJson.String(schema, "format"))),
        };
    }

    private JsonObject Object(JsonElement schema, int depth)
    {
        var sample = new JsonObject();
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                sample[property.Name] = Sample(property.Value, depth + 1);
            }
        }

        return sample;
    }

    private string StringSample(string? format) => format switch
    {
        "date-time" => now.UtcDateTime.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        "date" => now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "uuid" => Guid.Empty.ToString(),
        "uri" => "https://example.com",
        _ => "",
    };

    /// <summary>The schema's type: the first that is not "null" when it lists several (OpenAPI 3.1's nullable).</summary>
    private static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString();
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                var types = type.EnumerateArray().Select(t => t.GetString()).ToList();
                return types.FirstOrDefault(t => t != "null") ?? "null";
            }
        }

        return schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("items", out _) ? "array" : null;
    }
}
