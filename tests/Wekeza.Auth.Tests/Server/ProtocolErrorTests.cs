using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wekeza.Auth.Tests.Server;

/// <summary>Requests the server does not support get OpenIddict's standard OAuth errors, never a 500.</summary>
public sealed class ProtocolErrorTests(AuthFactory factory) : IClassFixture<AuthFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("password")]
    [InlineData("urn:ietf:params:oauth:grant-type:device_code")]
    [InlineData("implicit")]
    public async Task An_unsupported_grant_type_is_refused_with_unsupported_grant_type(string grantType)
    {
        using var response = await factory.CreateHttpsClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["client_id"] = "some-app",
        }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("unsupported_grant_type", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_token_request_over_get_is_refused_with_invalid_request()
    {
        using var response = await factory.CreateHttpsClient().GetAsync("/connect/token", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_authorization_request_without_a_client_is_refused_in_place_with_invalid_request()
    {
        // A request that names a client is checked against authdb first, so PKCE enforcement and the like belong
        // to tests with a real database, not to these.
        using var response = await factory.CreateHttpsClient().GetAsync("/connect/authorize?response_type=code", Cancel);

        // No redirect_uri can be trusted before the client is known: the person sees an error page, nothing redirects.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("This sign-in request cannot continue", body);
        Assert.Contains("<code>invalid_request</code>", body);
        Assert.Contains("&#x27;client_id&#x27;", body);
    }
}
