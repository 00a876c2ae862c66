using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wekeza.Portal.Console;

/// <summary>Reading and printing the JSON the console sends and shows; never throws on text that is not JSON.</summary>
internal static class ConsoleJson
{
    // Relaxed: a body is shown as text (Blazor escapes it) or single-quoted for a shell, never put in HTML raw, so
    // apostrophes and accents read as typed rather than as \u0027.
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Compacted = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonElement? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Indented JSON, or the text as it is when it is not JSON.</summary>
    public static string Pretty(string text) => TryParse(text) is { } json ? JsonSerializer.Serialize(json, Indented) : text;

    /// <summary>JSON on one line, or the text as it is when it is not JSON.</summary>
    public static string Compact(string text) => TryParse(text) is { } json ? JsonSerializer.Serialize(json, Compacted) : text;

    public static string Compact(JsonNode json) => json.ToJsonString(Compacted);

    public static string? Member(string text, string name) =>
        TryParse(text) is { ValueKind: JsonValueKind.Object } json ? String(json, name) : null;

    public static string? String(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
