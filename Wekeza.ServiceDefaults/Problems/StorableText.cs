using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wekeza.ServiceDefaults;

/// <summary>
/// Text the services can store and show. PostgreSQL's text types cannot hold U+0000 (NUL): a string carrying it reached
/// the database as a 500. Bytes that are not UTF-8 in a value read as raw JSON (an amount, read exactly) exploded in
/// the handler. No field of ours takes either, so both are the client's error, refused while the request is read (400
/// <c>invalid_request</c> naming the field) before any handler or query sees them.
/// </summary>
public static class StorableText
{
    public const string NulMessage = "Text may not contain the NUL character (U+0000).";
    public const string Utf8Message = "The text is not valid UTF-8.";

    public static bool HasNul(string? value) => value?.Contains('\0', StringComparison.Ordinal) == true;

    /// <summary>Every JSON string the services read: the framework turns the exception into a 400 naming the field.</summary>
    public sealed class Converter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return HasNul(value) ? throw new UnreadableTextException(NulMessage) : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>
    /// Every value read as raw JSON: the reader keeps its bytes undecoded, so the text in it is checked here, where the
    /// exception still names the field, instead of when a handler first asks for it.
    /// </summary>
    public sealed class ElementConverter : JsonConverter<JsonElement>
    {
        public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var element = JsonElement.ParseValue(ref reader);
            Check(element);
            return element;
        }

        public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

        private static void Check(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    CheckText(element.GetString);
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Check(item);
                    }

                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        CheckText(() => property.Name);
                        Check(property.Value);
                    }

                    break;
            }
        }

        private static void CheckText(Func<string?> text)
        {
            string? value;
            try
            {
                value = text();
            }
            catch (InvalidOperationException)
            {
                throw new UnreadableTextException(Utf8Message);
            }

            if (HasNul(value))
            {
                throw new UnreadableTextException(NulMessage);
            }
        }
    }

    /// <summary>What the converters throw; the bad-request handler gives the client its words.</summary>
    public sealed class UnreadableTextException(string reason) : JsonException(reason)
    {
        public string Reason { get; } = reason;
    }
}
