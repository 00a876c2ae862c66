using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wekeza.IntegrationTests.Api;

public sealed class GatewayTests(PlatformFixture platform)
{
    [Fact]
    public async Task Accounts_without_a_token_is_a_401_problem_with_code_trace_and_interaction_id()
    {
        using var client = platform.CreateClient("api");
        var interactionId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/accounts");
        request.Headers.Add("x-fapi-interaction-id", interactionId);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
        Assert.Equal(interactionId, Assert.Single(response.Headers.GetValues("x-fapi-interaction-id")));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("unauthorized", problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task A_forged_token_is_refused_by_local_validation_against_the_auth_servers_keys()
    {
        using var client = platform.CreateClient("api");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/accounts");
        // Well-formed JWT, signed by nobody the auth server knows.
        request.Headers.Authorization = new("Bearer",
            "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJpc3MiOiJodHRwczovL2V2aWwuZXhhbXBsZS8iLCJzdWIiOiJ4In0.c2lnbmF0dXJl");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_reference_and_OpenAPI_document_are_served_without_a_token()
    {
        using var client = platform.CreateClient("api");
        var ct = TestContext.Current.CancellationToken;

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", ct);
        Assert.True(document.GetProperty("paths").TryGetProperty("/v1/accounts", out _));

        using var docs = await client.GetAsync("/docs", ct);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
    }
}
