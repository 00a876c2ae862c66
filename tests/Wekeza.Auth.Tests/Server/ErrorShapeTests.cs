using System.Net.Http.Headers;
using System.Text;
using Wekeza.Tests;

namespace Wekeza.Auth.Tests.Server;

/// <summary>The auth server's non-OAuth failures answer the catalog's problem+json (docs/errors.md); /connect/* keeps OAuth's format.</summary>
public sealed class ErrorShapeTests(AuthFactory factory) : IClassFixture<AuthFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_route_is_404_not_found_with_the_clients_interaction_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/nothing-here");
        var interactionId = Guid.NewGuid().ToString();
        request.Headers.Add("x-fapi-interaction-id", interactionId);

        using var response = await factory.CreateHttpsClient().SendAsync(request, Cancel);

        var problem = await ProblemShape.AssertAsync(response, 404, "not_found");
        Assert.Equal(interactionId, problem.GetProperty("interactionId").GetString());
    }

    [Fact]
    public async Task The_apps_api_without_a_token_is_401_unauthorized()
    {
        using var response = await factory.CreateHttpsClient().GetAsync("/v1/apps", Cancel);

        await ProblemShape.AssertAsync(response, 401, "unauthorized");
    }

    [Fact]
    public async Task A_method_the_apps_api_has_not_is_405_method_not_allowed()
    {
        using var response = await factory.CreateHttpsClient().PutAsync("/v1/apps/scopes", new StringContent("{}", Encoding.UTF8, "application/json"), Cancel);

        await ProblemShape.AssertAsync(response, 405, "method_not_allowed");
    }

    [Fact]
    public async Task The_token_endpoint_keeps_the_oauth_error_format()
    {
        using var response = await factory.CreateHttpsClient().PostAsync("/connect/token",
            new FormUrlEncodedContent([new("grant_type", "unknown_grant")]), Cancel);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }.MediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(Cancel));
    }
}
