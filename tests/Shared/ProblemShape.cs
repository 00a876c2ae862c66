using System.Net.Http.Json;
using System.Text.Json;
using Wekeza.ServiceDefaults;

namespace Wekeza.Tests;

/// <summary>The problem+json every service answers with (docs/errors.md), asserted the same way in every test project.</summary>
internal static class ProblemShape
{
    /// <summary>
    /// Asserts status and code, and that the rest is as the catalog says: its title and retryable, a type that opens
    /// the code's entry (<c>{portal}/docs/errors#code</c>), a traceId, and the interaction id of the response's header.
    /// Returns the body.
    /// </summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, int status, string code, string? catalogBaseUrl = null)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.Equal(code, body.GetProperty("code").GetString());
        var entry = ProblemCatalog.Find(code);
        Assert.NotNull(entry);
        Assert.Equal(entry.Status, status);
        Assert.Equal(entry.Title, body.GetProperty("title").GetString());
        Assert.Equal(entry.Retryable, body.GetProperty("retryable").GetBoolean());
        Assert.Equal($"{(catalogBaseUrl ?? ProblemDetailsDefaults.DefaultCatalogBaseUrl).TrimEnd('/')}/docs/errors#{code}", body.GetProperty("type").GetString());
        Assert.Matches("^[0-9a-f]{32}$", body.GetProperty("traceId").GetString());
        Assert.Equal(Assert.Single(response.Headers.GetValues("x-fapi-interaction-id")), body.GetProperty("interactionId").GetString());
        Assert.DoesNotContain("exception", body.EnumerateObject().Select(property => property.Name));
        return body;
    }
}
