using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wekeza.ServiceDefaults;

/// <summary>
/// PostgreSQL's text types cannot hold U+0000 (NUL): a string carrying it reached the database as a 500. No field or
/// parameter of ours takes it, so it is the client's error, refused while the request is read (400
/// <c>invalid_request</c> naming the field), before any handler or query sees it.
/// </summary>
public static class StorableText
{
    public const string NulMessage = "Text may not contain the NUL character (U+0000).";

    public static bool HasNul(string? value) => value?.Contains('\0', StringComparison.Ordinal) == true;

    /// <summary>Every JSON string the services read: the framework turns the exception into a 400 naming the field.</summary>
    public sealed class Converter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return HasNul(value) ? throw new NulCharacterException() : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>What <see cref="Converter"/> throws; the bad-request handler words it for the client.</summary>
    public sealed class NulCharacterException() : JsonException(NulMessage);
}
