using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wekeza.Api.Tests.OpenApi;

public sealed class ApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_openapi_document_is_public_and_describes_v1_with_the_bearer_scheme()
    {
        using var response = await factory.CreateClient().GetAsync("/openapi/v1.json", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("Wekeza Open Platform API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("v1", document.GetProperty("info").GetProperty("version").GetString());

        var listAccounts = document.GetProperty("paths").GetProperty("/v1/accounts").GetProperty("get");
        Assert.Contains(listAccounts.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty("Bearer", out _));

        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task The_docs_page_is_public_html()
    {
        using var response = await factory.CreateClient().GetAsync("/docs", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Wekeza Open Platform API", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Liveness_is_public()
    {
        using var response = await factory.CreateClient().GetAsync("/alive", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
