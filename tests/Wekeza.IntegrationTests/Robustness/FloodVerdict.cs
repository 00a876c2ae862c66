using System.Net;
using System.Text.Json;

namespace Wekeza.IntegrationTests.Robustness;

/// <summary>
/// What every answer to a bad request must be (docs/errors.md): a 4xx the catalog knows, as problem+json with
/// <c>code</c>, <c>type</c> and <c>traceId</c>; never a 5xx. Returns why an answer is wrong, or null.
/// </summary>
public static class FloodVerdict
{
    private static readonly HashSet<int> Refusals = [400, 401, 403, 404, 405, 409, 410, 413, 415, 422];

    /// <param name="mayAccept">
    /// The request was well formed and only carried an odd string in a free-text place (an endpoint's description, a
    /// search filter): taking it is right, as long as the answer is JSON.
    /// </param>
    /// <param name="refusedByServer">The HTTP server answers this one itself, before the app: a bare 400 is all it can be.</param>
    public static string? Judge(HttpStatusCode status, string? mediaType, string body, bool mayAccept, bool refusedByServer = false)
    {
        var code = (int)status;
        if (refusedByServer && code == 400)
        {
            return null;
        }

        if (code >= 500)
        {
            return $"server error {code}";
        }

        if (code == 429)
        {
            return "429: the flood ran out of its apps' budget, so this request proved nothing (spread it over more apps)";
        }

        if (code < 400)
        {
            return !mayAccept ? $"accepted with {code}"
                : code != 204 && mediaType != "application/json" ? $"{code} with {mediaType ?? "no content type"}"
                : null;
        }

        if (!Refusals.Contains(code))
        {
            return $"unexpected status {code}";
        }

        if (mediaType != "application/problem+json")
        {
            return $"{code} with {mediaType ?? "no content type"}, not problem+json";
        }

        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            foreach (var member in new[] { "code", "type", "traceId" })
            {
                if (!problem.TryGetProperty(member, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 })
                {
                    return $"{code} problem without {member}";
                }
            }

            return problem.TryGetProperty("status", out var said) && said.ValueKind == JsonValueKind.Number && said.GetInt32() != code
                ? $"{code} problem saying status {said}"
                : null;
        }
        catch (JsonException)
        {
            return $"{code} problem+json that is not JSON";
        }
    }
}
