using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Wekeza.IntegrationTests.Robustness;

/// <summary>What the flood sends: strings that have broken other services, and bodies no parser should choke on.</summary>
public static class Attacks
{
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Injection strings, by name; each goes into every parameter and every string field, one at a time.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Injections =
    [
        ("sql-or", "' OR 1=1--"),
        ("sql-drop", "\"; DROP TABLE accounts; --"),
        ("script", "<script>alert(1)</script>"),
        ("template", "{{7*7}}${7*7}"),
        ("traversal", "../../etc/passwd"),
        ("percent-nul", "%00"),
        ("nul", "a\0b"),
        ("rtl-emoji", "\u202Eevil\u202C 👩🏽‍💻🇰🇪"),
        ("jndi", "${jndi:ldap://x}"),
        ("crlf", "a\r\nX-Injected: 1"),
        ("long", new string('A', 2000)),
    ];

    /// <summary>Too long for any field: 100,000 characters, still well under the body limit.</summary>
    public static readonly string VeryLong = new('B', 100_000);

    /// <summary>Percent-encoded bytes that are not UTF-8, put into a URL as they are (a lone continuation byte, an overlong NUL).</summary>
    public const string InvalidUtf8InUrl = "%C3%28%FF%C0%80";

    /// <summary>The same in a JSON body: raw bytes that no UTF-8 decoder accepts.</summary>
    public static readonly byte[] InvalidUtf8 = [0xC3, 0x28, 0xFF, 0xC0, 0x80];

    /// <summary>Bodies for an operation that reads JSON: each must be refused as unreadable (400, 413, 415) or as breaking a rule (422).</summary>
    public static IEnumerable<(string Name, Func<HttpContent> Content)> Bodies(JsonObject? template)
    {
        var valid = (template ?? []).ToJsonString();
        yield return ("malformed-json", () => Json("{\"a\": "));
        yield return ("trailing-garbage", () => Json(valid + "}}"));
        yield return ("array", () => Json("[1, 2, 3]"));
        yield return ("number", () => Json("42"));
        yield return ("string", () => Json("\"text\""));
        yield return ("null", () => Json("null"));
        yield return ("empty", () => Json(""));
        yield return ("text-plain", () => new StringContent(valid, Encoding.UTF8, "text/plain"));
        yield return ("xml", () => new StringContent("<payment><amount>1</amount></payment>", Encoding.UTF8, "application/xml"));
        yield return ("multipart", () => new MultipartFormDataContent { { new StringContent(valid), "body" } });
        yield return ("form", () => new FormUrlEncodedContent([new("a", "b")]));
        yield return ("no-content-type", () => Raw(Encoding.UTF8.GetBytes(valid), null));
        yield return ("json-bad-charset", () => Raw(Encoding.UTF8.GetBytes(valid), "application/json; charset=klingon"));
        yield return ("over-1-MiB", () => Json(Padded(valid, MaxBodyBytes + 1)));
        yield return ("over-1-MiB-chunked", () => new ChunkedContent(Encoding.UTF8.GetBytes(Padded(valid, MaxBodyBytes + 64 * 1024))));
        yield return ("deep-object", () => Json(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)));
        yield return ("deep-array", () => Json(new string('[', 10_000) + new string(']', 10_000)));
        yield return ("invalid-utf8", () => Raw(InvalidUtf8Body(template), "application/json"));
        yield return ("utf16-bom", () => Raw([.. new byte[] { 0xFF, 0xFE }, .. Encoding.Unicode.GetBytes(valid)], "application/json"));
        foreach (var (name, node) in WrongTypes(template))
        {
            yield return (name, () => Json(node.ToJsonString()));
        }
    }

    /// <summary>The template with its first string field turned into other JSON types.</summary>
    private static IEnumerable<(string Name, JsonNode Node)> WrongTypes(JsonObject? template)
    {
        // Not an amount: docs/api-guide.md says a JSON number is read exactly there too.
        var first = template is null ? null : new ApiOperation("", "", "", [], [], [], template).BodyStringFields.FirstOrDefault(field => !Equals(field[^1], "amount"));
        if (first is null)
        {
            yield break;
        }

        foreach (var (name, value) in new (string, JsonNode?)[] { ("number-for-string", 12345), ("object-for-string", new JsonObject { ["$ne"] = 1 }),
                     ("array-for-string", new JsonArray(1, 2)), ("huge-number-for-string", JsonNode.Parse("1e999999")) })
        {
            yield return (name, With(template!, first, value));
        }
    }

    /// <summary>A copy of <paramref name="template"/> with the field at <paramref name="path"/> set to <paramref name="value"/>.</summary>
    public static JsonObject With(JsonObject template, object[] path, JsonNode? value)
    {
        var copy = (JsonObject)template.DeepClone();
        JsonNode parent = copy;
        foreach (var step in path[..^1])
        {
            parent = step is int index ? parent[index]! : parent[(string)step]!;
        }

        if (path[^1] is int last)
        {
            parent.AsArray()[last] = value;
        }
        else
        {
            parent[(string)path[^1]] = value;
        }

        return copy;
    }

    private static byte[] InvalidUtf8Body(JsonObject? template)
    {
        const string marker = "FLOODMARKER7F3A";
        // A field the operation reads (any type will do: a string where a number belongs is refused as well), so
        // that the bytes are decoded rather than skipped as an unknown property's.
        var field = template is null ? null
            : new ApiOperation("", "", "", [], [], [], template).BodyStringFields.FirstOrDefault()
              ?? template.Select(property => new object[] { property.Key }).FirstOrDefault();
        var json = field is null ? $"{{\"text\":\"{marker}\"}}" : With(template!, field, marker).ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = IndexOf(bytes, Encoding.ASCII.GetBytes(marker));
        return [.. bytes[..at], .. InvalidUtf8, .. bytes[(at + marker.Length)..]];
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        throw new InvalidOperationException("Marker not found.");
    }

    /// <summary>Valid-looking JSON with a long string property appended, <paramref name="bytes"/> long in all.</summary>
    private static string Padded(string json, int bytes)
    {
        var head = json.Length > 2 ? json[..^1] + ",\"padding\":\"" : "{\"padding\":\"";
        return head + new string('x', bytes - head.Length - 2) + "\"}";
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent Raw(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    /// <summary>A body without Content-Length (sent chunked): the server only learns its size by reading it.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] bytes;

        public ChunkedContent(byte[] bytes)
        {
            this.bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            try
            {
                for (var offset = 0; offset < bytes.Length; offset += 16 * 1024)
                {
                    await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(16 * 1024, bytes.Length - offset)));
                }
            }
            catch (Exception exception) when (exception is IOException or HttpRequestException or ObjectDisposedException)
            {
                // The server may answer 413 and close before the whole body is sent; its answer is what we check.
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
