using System.Text;
using System.Text.Json;

namespace Wekeza.Banking.Webhooks;

/// <summary>
/// The body of every delivery and every item of <c>GET /v1/events</c>: Standard Webhooks' <c>type</c>,
/// <c>timestamp</c> and <c>data</c>, with the event's <c>id</c>, its <c>subject</c> (the resource it is about) and
/// that resource's <c>sequence</c> number. Written once, stored as text, and sent byte for byte (it is signed).
/// </summary>
public static class WebhookEnvelope
{
    public static string Write(string id, string type, DateTimeOffset timestamp, string subject, long? sequence, Action<Utf8JsonWriter> writeData)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("type", type);
            json.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("subject", subject);
            if (sequence is { } number)
            {
                json.WriteNumber("sequence", number);
            }
            else
            {
                json.WriteNull("sequence");
            }

            json.WritePropertyName("data");
            writeData(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Write<T>(string id, string type, DateTimeOffset timestamp, string subject, long? sequence, T data) =>
        Write(id, type, timestamp, subject, sequence, json => JsonSerializer.Serialize(json, data, JsonSerializerOptions.Web));
}
