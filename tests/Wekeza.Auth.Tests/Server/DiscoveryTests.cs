using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wekeza.Auth.Tests.Server;

public sealed class DiscoveryTests(AuthFactory factory) : IClassFixture<AuthFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_discovery_document_takes_its_issuer_from_the_request_and_offers_only_our_flows()
    {
        var document = await GetJsonAsync("/.well-known/openid-configuration");

        Assert.Equal("https://localhost/", document.GetProperty("issuer").GetString());
        Assert.Equal("https://localhost/connect/token", document.GetProperty("token_endpoint").GetString());
        Assert.Equal("https://localhost/connect/authorize", document.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("https://localhost/.well-known/jwks", document.GetProperty("jwks_uri").GetString());
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"], Strings(document, "grant_types_supported").Order());
        Assert.Equal(["code"], Strings(document, "response_types_supported"));
        // PKCE with S256 only: "plain" would defeat it.
        Assert.Equal(["S256"], Strings(document, "code_challenge_methods_supported"));
    }

    [Fact]
    public async Task The_key_set_publishes_a_signing_key()
    {
        var keys = (await GetJsonAsync("/.well-known/jwks")).GetProperty("keys").EnumerateArray().ToList();

        Assert.Contains(keys, key => key.GetProperty("use").GetString() == "sig" && key.GetProperty("kty").GetString() == "RSA");
    }

    [Fact]
    public async Task The_root_points_to_the_discovery_document()
    {
        var info = await GetJsonAsync("/");

        Assert.Equal("https://localhost/.well-known/openid-configuration", info.GetProperty("discovery").GetString());
    }

    [Fact]
    public async Task An_unknown_route_answers_404_problem()
    {
        using var response = await factory.CreateHttpsClient().GetAsync("/connect/nothing-here", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("not_found", problem.GetProperty("code").GetString());
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await factory.CreateHttpsClient().GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private static IEnumerable<string?> Strings(JsonElement document, string property) =>
        document.GetProperty(property).EnumerateArray().Select(value => value.GetString());
}
