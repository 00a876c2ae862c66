using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wekeza.Portal.Console;

/// <summary>One parameter of an operation: in <c>path</c>, <c>query</c> or <c>header</c>.</summary>
public sealed record ApiParameter(string Name, string In, bool Required, string? Description)
{
    /// <summary>Unique within an operation: a query and a header may share a name.</summary>
    public string Key => $"{In}:{Name}";
}

/// <summary>One operation of the API's OpenAPI document, as the console lists and fills it.</summary>
public sealed record ApiOperation(
    string Method,
    string Path,
    string Tag,
    string? Summary,
    string? OperationId,
    IReadOnlyList<ApiParameter> Parameters,
    bool HasBody,
    string? BodyTemplate)
{
    /// <summary>"POST /v1/payments": what the operation list selects by.</summary>
    public string Key => $"{Method} {Path}";
}

/// <summary>
/// The operations of the API's OpenAPI document (3.x, as ASP.NET Core writes it), grouped by tag. Those an app's
/// tokens can never call (the portal's developer paths, a customer's own consents, administration) are left out.
/// </summary>
public sealed partial class OpenApiCatalog
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete", "head", "options"];

    // Called with the developer's, a customer's or an administrator's portal session, never with an app's tokens.
    private static readonly string[] NotForApps = ["/v1/apps/", "/v1/me/", "/v1/admin/"];

    private OpenApiCatalog(IReadOnlyList<ApiOperation> operations) => Operations = operations;

    public IReadOnlyList<ApiOperation> Operations { get; }

    /// <summary>By tag, in the document's order.</summary>
    public IEnumerable<IGrouping<string, ApiOperation>> ByTag => Operations.GroupBy(operation => operation.Tag);

    public ApiOperation? Find(string key) => Operations.FirstOrDefault(operation => operation.Key == key);

    /// <summary>Reads the document; throws <see cref="JsonException"/> when it is not JSON or not an OpenAPI document.</summary>
    public static OpenApiCatalog Parse(string json, DateTimeOffset now)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("paths", out var paths) || paths.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The API's OpenAPI document has no paths.");
        }

        var samples = new SchemaSample(root, now);
        var operations = new List<ApiOperation>();
        foreach (var path in paths.EnumerateObject())
        {
            if (NotForApps.Any(prefix => path.Name.StartsWith(prefix, StringComparison.Ordinal)) || path.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var shared = Parameters(root, path.Value);
            foreach (var method in Methods)
            {
                if (path.Value.TryGetProperty(method, out var operation) && operation.ValueKind == JsonValueKind.Object)
                {
                    operations.Add(Read(root, samples, method.ToUpperInvariant(), path.Name, operation, shared));
                }
            }
        }

        return new OpenApiCatalog(operations);
    }

    private static ApiOperation Read(
        JsonElement root, SchemaSample samples, string method, string path, JsonElement operation, IReadOnlyList<ApiParameter> shared)
    {
        // The operation's own parameters override the path item's of the same name and place (OpenAPI 3).
        var own = Parameters(root, operation);
        var parameters = own.Concat(shared.Where(parameter => own.All(mine => mine.Key != parameter.Key))).ToList();
        // A route group's parameter ("/v1/apps/{clientId}/…") may be missing from the list: the template still needs it.
        foreach (var name in PathTemplateName().Matches(path).Select(match => match.Groups[1].Value))
        {
            if (parameters.All(parameter => parameter.Key != $"path:{name}"))
            {
                parameters.Add(new ApiParameter(name, "path", true, null));
            }
        }

        var ordered = parameters.OrderBy(parameter => parameter.In switch { "path" => 0, "query" => 1, _ => 2 }).ToList();
        var tag = operation.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array && tags.GetArrayLength() > 0
            ? tags[0].GetString() ?? "Other"
            : "Other";
        var body = JsonBody(root, operation);
        return new ApiOperation(method, path, tag, ConsoleJson.String(operation, "summary"), ConsoleJson.String(operation, "operationId"),
            ordered, body is not null, body is { } media ? BodyTemplate(samples, media) : null);
    }

    private static List<ApiParameter> Parameters(JsonElement root, JsonElement owner)
    {
        var parameters = new List<ApiParameter>();
        if (!owner.TryGetProperty("parameters", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return parameters;
        }

        foreach (var item in list.EnumerateArray())
        {
            var parameter = Resolve(root, item);
            if (ConsoleJson.String(parameter, "name") is { } name && ConsoleJson.String(parameter, "in") is "path" or "query" or "header")
            {
                var place = ConsoleJson.String(parameter, "in")!;
                var required = place == "path"
                    || parameter.TryGetProperty("required", out var flag) && flag.ValueKind == JsonValueKind.True;
                parameters.Add(new ApiParameter(name, place, required, ConsoleJson.String(parameter, "description")));
            }
        }

        return parameters;
    }

    /// <summary>The JSON media type of the request body, if the operation takes one.</summary>
    private static JsonElement? JsonBody(JsonElement root, JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var requestBody))
        {
            return null;
        }

        requestBody = Resolve(root, requestBody);
        if (!requestBody.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var media = content.EnumerateObject().FirstOrDefault(type => type.Name.Contains("json", StringComparison.OrdinalIgnoreCase));
        return media.Value.ValueKind == JsonValueKind.Object ? media.Value : null;
    }

    /// <summary>The document's own example if it has one, otherwise a skeleton made from the schema.</summary>
    private static string? BodyTemplate(SchemaSample samples, JsonElement media)
    {
        if (media.TryGetProperty("example", out var example))
        {
            return ConsoleJson.Pretty(example.GetRawText());
        }

        if (media.TryGetProperty("examples", out var examples) && examples.ValueKind == JsonValueKind.Object
            && examples.EnumerateObject().Select(named => named.Value).FirstOrDefault(value => value.TryGetProperty("value", out _)) is
                { ValueKind: JsonValueKind.Object } first)
        {
            return ConsoleJson.Pretty(first.GetProperty("value").GetRawText());
        }

        return media.TryGetProperty("schema", out var schema) ? samples.Json(schema) : null;
    }

    /// <summary>A <c>$ref</c> within the document followed (once), or the element itself.</summary>
    internal static JsonElement Resolve(JsonElement root, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || ConsoleJson.String(element, "$ref") is not { } reference
            || !reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return element;
        }

        var target = root;
        foreach (var segment in reference[2..].Split('/'))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(name, out target))
            {
                return element;
            }
        }

        return target;
    }

    [GeneratedRegex(@"\{([^{}/]+)\}")]
    private static partial Regex PathTemplateName();
}
