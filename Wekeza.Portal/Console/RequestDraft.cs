using Microsoft.AspNetCore.Http.Extensions;

namespace Wekeza.Portal.Console;

/// <summary>
/// The request builder's form for one operation: a value per parameter, the extra headers, the body and the token;
/// <see cref="Build"/> turns it into the exact request to send (and to print as curl).
/// </summary>
public sealed class RequestDraft
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string InteractionIdHeader = "x-fapi-interaction-id";
    public const string ScenarioHeader = "Wekeza-Sandbox-Scenario";

    /// <summary>The sandbox's simulated failures (docs/sandbox.md, "Magic values"); empty for none.</summary>
    public static readonly IReadOnlyList<string> Scenarios = ["slow-response", "server-error", "rate-limited"];

    private RequestDraft(ApiOperation operation, IReadOnlyList<ApiParameter> parameters)
    {
        Operation = operation;
        Parameters = parameters;
    }

    public ApiOperation Operation { get; }

    /// <summary>The operation's parameters, plus an Idempotency-Key for a payment if the document did not list it.</summary>
    public IReadOnlyList<ApiParameter> Parameters { get; }

    /// <summary>By <see cref="ApiParameter.Key"/>.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public string Body { get; set; } = "";

    public TokenKind Token { get; set; }

    public string InteractionId { get; set; } = "";

    /// <summary>One of <see cref="Scenarios"/>, or empty.</summary>
    public string Scenario { get; set; } = "";

    /// <summary>
    /// A draft with values filled where the console knows them (<paramref name="suggest"/>: the authorised account, the
    /// consent, the last payment), a new Idempotency-Key, and <paramref name="body"/> or the document's template.
    /// </summary>
    public static RequestDraft Create(ApiOperation operation, Func<ApiParameter, string?> suggest, string? body)
    {
        var parameters = operation.Parameters.ToList();
        if (operation.Key == "POST /v1/payments" && parameters.All(parameter => parameter.Key != $"header:{IdempotencyKeyHeader}"))
        {
            parameters.Add(new ApiParameter(IdempotencyKeyHeader, "header", true, "Required: one new key per payment, the same key to retry it."));
        }

        var draft = new RequestDraft(operation, parameters)
        {
            Body = operation.HasBody ? body ?? operation.BodyTemplate ?? "{}" : "",
            Token = ConsoleRequest.DefaultToken(operation.Method, operation.Path),
        };
        foreach (var parameter in parameters)
        {
            draft.Values[parameter.Key] = string.Equals(parameter.Name, IdempotencyKeyHeader, StringComparison.OrdinalIgnoreCase)
                ? Guid.NewGuid().ToString()
                : suggest(parameter) ?? "";
        }

        return draft;
    }

    public string Value(ApiParameter parameter) => Values.GetValueOrDefault(parameter.Key, "");

    /// <summary>The request, or what must be fixed first.</summary>
    public (ConsoleRequest? Request, IReadOnlyList<string> Problems) Build()
    {
        var problems = new List<string>();
        foreach (var parameter in Parameters.Where(parameter => parameter.Required && string.IsNullOrWhiteSpace(Value(parameter))))
        {
            problems.Add($"Fill in {parameter.Name} ({parameter.In}).");
        }

        var path = Operation.Path;
        var query = new QueryBuilder();
        var headers = new List<ConsoleHeader>();
        foreach (var parameter in Parameters)
        {
            var value = Value(parameter).Trim();
            switch (parameter.In)
            {
                case "path":
                    // Escaped whole: a value cannot add path segments of its own ("../").
                    path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
                    break;
                case "query" when value.Length > 0:
                    query.Add(parameter.Name, value);
                    break;
                case "header" when value.Length > 0:
                    headers.Add(new ConsoleHeader(parameter.Name, value));
                    break;
            }
        }

        if (InteractionId.Trim() is { Length: > 0 } interactionId)
        {
            headers.Add(new ConsoleHeader(InteractionIdHeader, interactionId));
        }

        if (Scenario.Length > 0)
        {
            headers.Add(new ConsoleHeader(ScenarioHeader, Scenario));
        }

        foreach (var header in headers.Where(header => header.Value.Any(char.IsControl)))
        {
            problems.Add($"The {header.Name} header cannot contain line breaks or other control characters.");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        // Sent as printed: valid JSON on one line (the API compares bodies as parsed, so nothing changes), anything else as typed.
        var body = Operation.HasBody && !string.IsNullOrWhiteSpace(Body) ? ConsoleJson.Compact(Body) : null;
        return (new ConsoleRequest(Operation.Method, path + query.ToString(), headers, body, Token), problems);
    }
}
