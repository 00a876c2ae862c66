using System.Text;
using System.Text.Json;

namespace Wekeza.Portal.Console;

/// <summary>An RFC 9457 problem as the API writes it: a stable <c>code</c>, words in <c>detail</c>, and field <c>errors</c>.</summary>
public sealed record ApiProblem(int? Status, string? Title, string? Detail, string? Code, IReadOnlyList<string> FieldErrors)
{
    /// <summary>The problem in a body, or null when the body is not a problem (nor any JSON object with a title or code).</summary>
    public static ApiProblem? Read(string body, int? status)
    {
        if (ConsoleJson.TryParse(body) is not { ValueKind: JsonValueKind.Object } json)
        {
            return null;
        }

        var title = ConsoleJson.String(json, "title");
        var code = ConsoleJson.String(json, "code");
        var detail = ConsoleJson.String(json, "detail");
        if (title is null && code is null && detail is null)
        {
            return null;
        }

        var fieldErrors = new List<string>();
        if (json.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                var messages = field.Value.ValueKind == JsonValueKind.Array
                    ? field.Value.EnumerateArray().Select(message => message.ToString())
                    : [field.Value.ToString()];
                fieldErrors.Add($"{(field.Name.Length == 0 ? "body" : field.Name)}: {string.Join(" ", messages)}");
            }
        }

        return new ApiProblem(status, title, detail, code, fieldErrors);
    }

    /// <summary>"422 Validation failed (validation_failed): One or more fields are invalid. initiation.reference: …"</summary>
    public string Words
    {
        get
        {
            var words = new StringBuilder();
            words.Append(Status is { } status ? $"{status} " : "").Append(Title ?? "Refused");
            if (Code is not null)
            {
                words.Append($" ({Code})");
            }

            if (Detail is not null)
            {
                words.Append(": ").Append(Detail);
            }

            foreach (var error in FieldErrors)
            {
                words.Append(' ').Append(error.EndsWith('.') ? error : error + ".");
            }

            return words.ToString();
        }
    }
}
