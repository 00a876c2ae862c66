using System.Net.Http.Json;
using System.Text.Json;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Tests;

internal static class Problems
{
    /// <summary>
    /// Asserts an RFC 9457 problem with the given status and code, shaped as docs/errors.md promises: the catalog's
    /// title and retryable, a type that opens the code's catalog entry, the traceId, and the interaction id of the
    /// response's header. Returns its body.
    /// </summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.Equal(code, body.GetProperty("code").GetString());
        var entry = ProblemCatalog.Find(code);
        Assert.NotNull(entry);
        Assert.Equal(entry.Status, status);
        Assert.Equal(entry.Title, body.GetProperty("title").GetString());
        Assert.Equal(entry.Retryable, body.GetProperty("retryable").GetBoolean());
        Assert.Equal($"https://developers.wekeza.example/docs/errors#{code}", body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("traceId").GetString()));
        Assert.Equal(Assert.Single(response.Headers.GetValues("x-fapi-interaction-id")), body.GetProperty("interactionId").GetString());
        return body;
    }
}
