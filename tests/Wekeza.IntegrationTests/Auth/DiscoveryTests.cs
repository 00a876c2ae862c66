using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wekeza.IntegrationTests.Auth;

public sealed class DiscoveryTests(PlatformFixture platform)
{
    [Fact]
    public async Task Discovery_document_names_the_auth_server_as_issuer_and_its_keys_are_served()
    {
        using var client = platform.CreateClient("auth");
        var ct = TestContext.Current.CancellationToken;

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", ct);

        var authUrl = platform.App.GetEndpoint("auth");
        Assert.Equal(authUrl + "/", discovery.GetProperty("issuer").GetString());
        Assert.StartsWith(authUrl, discovery.GetProperty("token_endpoint").GetString());
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("client_credentials", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));

        var jwks = await client.GetFromJsonAsync<JsonElement>(discovery.GetProperty("jwks_uri").GetString(), ct);
        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.False(key.TryGetProperty("d", out _), "the JWKS must never publish a private key"));
    }

    [Fact]
    public async Task Token_endpoint_refuses_an_unknown_client_with_an_OAuth_error_not_a_server_error()
    {
        using var client = platform.CreateClient("auth");
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "no-such-client",
            ["client_secret"] = "wrong",
        }), TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"got {(int)response.StatusCode}");
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("invalid_client", error.GetProperty("error").GetString());
    }
}
