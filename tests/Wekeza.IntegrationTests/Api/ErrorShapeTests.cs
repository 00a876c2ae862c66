using System.Net;
using System.Net.Http.Headers;
using Wekeza.Tests;

namespace Wekeza.IntegrationTests.Api;

/// <summary>
/// Over HTTPS against the real stack: failures of the api, auth, the portal and the workers answer the same
/// problem+json, whose <c>type</c> opens the code's row in the error catalog the portal serves.
/// </summary>
public sealed class ErrorShapeTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string PortalUrl => platform.App.GetEndpoint("portal");

    [Fact]
    public async Task The_api_refuses_an_unknown_version_with_a_type_that_opens_its_entry_on_the_portal()
    {
        using var api = platform.CreateClient("api");

        using var response = await api.GetAsync("/v2/accounts", Cancel);

        var problem = await ProblemShape.AssertAsync(response, 404, "unsupported_api_version", PortalUrl);
        using var portal = platform.CreateClient("portal");
        portal.DefaultRequestHeaders.Accept.Clear();
        portal.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var catalog = await portal.GetStringAsync(problem.GetProperty("type").GetString(), Cancel);
        Assert.Contains("id=\"unsupported_api_version\"", catalog);
    }

    [Fact]
    public async Task The_api_refuses_a_body_over_1_MiB_with_413()
    {
        using var api = platform.CreateClient("api");
        using var body = new ByteArrayContent(new byte[1024 * 1024 + 1]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await api.PostAsync("/v1/consents", body, Cancel);

        await ProblemShape.AssertAsync(response, 413, "payload_too_large", PortalUrl);
    }

    [Fact]
    public async Task The_auth_servers_apps_api_without_a_token_is_401_unauthorized()
    {
        using var auth = platform.CreateClient("auth");

        using var response = await auth.GetAsync("/v1/apps", Cancel);

        await ProblemShape.AssertAsync(response, 401, "unauthorized", PortalUrl);
    }

    [Theory]
    [InlineData("portal")]
    [InlineData("workers")]
    public async Task An_unknown_url_is_404_not_found(string service)
    {
        using var client = platform.CreateClient(service);

        using var response = await client.GetAsync("/no/such/thing", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemShape.AssertAsync(response, 404, "not_found", PortalUrl);
    }
}
