using System.Text.Json;

namespace Wekeza.Portal.Console;

public sealed record ConsoleHeader(string Name, string Value);

/// <summary>
/// What one real HTTP exchange came to, as the console shows it: status, time, headers and body, or why there was no
/// answer at all (<see cref="TransportError"/>).
/// </summary>
public sealed record ConsoleResponse(
    int? StatusCode,
    string? ReasonPhrase,
    TimeSpan Elapsed,
    IReadOnlyList<ConsoleHeader> Headers,
    string Body,
    string? MediaType,
    Uri? Location,
    string? TransportError)
{
    public static ConsoleResponse Unreachable(string message, TimeSpan elapsed) => new(null, null, elapsed, [], "", null, null, message);

    public bool Answered => StatusCode is not null;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public long ElapsedMs => (long)Math.Round(Elapsed.TotalMilliseconds);

    /// <summary>"201 Created", or "no answer".</summary>
    public string Status => StatusCode is { } code ? $"{code} {ReasonPhrase}".TrimEnd() : "no answer";

    public string PrettyBody => ConsoleJson.Pretty(Body);

    public ApiProblem? Problem => IsSuccess ? null : ApiProblem.Read(Body, StatusCode);

    public string? Header(string name) =>
        Headers.FirstOrDefault(header => string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>The body's top-level string member, or null (not JSON, not an object, no such member).</summary>
    public string? Member(string name) => ConsoleJson.Member(Body, name);

    /// <summary>The body as JSON, or null when it is not JSON.</summary>
    public JsonElement? Json() => ConsoleJson.TryParse(Body);

    // Token responses carry tokens in the body: printing the record must not.
    public override string ToString() => $"{Status} in {ElapsedMs} ms";
}
