using Microsoft.Extensions.Configuration;
using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Tests.Platform;

public sealed class PlatformLinksTests
{
    [Fact]
    public void Api_reference_is_the_docs_page_of_the_configured_api()
    {
        var links = Create(("services:api:https:0", "https://api.example:7001"));

        Assert.Equal("https://api.example:7001/docs", links.ApiReference?.AbsoluteUri);
    }

    [Fact]
    public void Auth_discovery_is_the_openid_configuration_of_the_configured_auth_server()
    {
        var links = Create(("services:auth:https:0", "https://auth.example:7002/"));

        Assert.Equal("https://auth.example:7002/.well-known/openid-configuration", links.AuthDiscovery?.AbsoluteUri);
    }

    [Fact]
    public void A_base_url_with_a_path_keeps_its_path()
    {
        var links = Create(("services:api:https:0", "https://gateway.example/bank"));

        Assert.Equal("https://gateway.example/bank/docs", links.ApiReference?.AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("http://api.example:7001")]
    public void No_link_when_the_service_has_no_usable_https_url(string? configured)
    {
        var links = Create(("services:api:https:0", configured), ("services:auth:https:0", configured));

        Assert.Null(links.ApiReference);
        Assert.Null(links.AuthDiscovery);
    }

    private static PlatformLinks Create(params (string Key, string? Value)[] settings) =>
        new(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, setting.Value)))
            .Build());
}
