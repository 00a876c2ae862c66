using Wekeza.Auth.Features.Apps;

namespace Wekeza.Auth.Tests.Features.Apps;

public sealed class AppRulesTests
{
    [Theory]
    [InlineData("https://app.example.com/callback")]
    [InlineData("https://app.example.com:8443/cb?tenant=1")]
    [InlineData("http://localhost:5000/cb")]
    [InlineData("http://127.0.0.1/cb")]
    [InlineData("http://[::1]:8080/cb")]
    public void A_sandbox_app_may_use_these_redirect_uris(string uri) =>
        Assert.Empty(RedirectErrors([uri], AppEnvironments.Sandbox));

    [Theory]
    [InlineData("http://app.example.com/cb", "Use https")]
    [InlineData("ftp://app.example.com/cb", "Use https")]
    [InlineData("/callback", "absolute URI")]
    [InlineData("https://app.example.com/cb#done", "fragment")]
    [InlineData("https://*.example.com/cb", "Wildcards")]
    [InlineData("", "absolute URI")]
    [InlineData("http://127.0.0.2/cb", "Use https")]
    public void Bad_redirect_uris_are_refused_with_the_rule_they_break(string uri, string rule)
    {
        var errors = RedirectErrors([uri], AppEnvironments.Sandbox);

        Assert.Contains(rule, Assert.Single(errors["redirectUris[0]"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_production_app_may_not_use_plain_http_even_on_localhost()
    {
        var errors = RedirectErrors(["http://localhost:5000/cb"], AppEnvironments.Production);

        Assert.Contains("Production apps need an https", Assert.Single(errors["redirectUris[0]"]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_uri_twice_is_named_on_the_second()
    {
        var errors = RedirectErrors(["https://a.example/cb", "https://a.example/cb"], AppEnvironments.Sandbox);

        Assert.False(errors.ContainsKey("redirectUris[0]"));
        Assert.Contains("twice", Assert.Single(errors["redirectUris[1]"]), StringComparison.Ordinal);
    }

    [Fact]
    public void No_redirect_uri_at_all_is_refused() =>
        Assert.True(RedirectErrors([], AppEnvironments.Sandbox).ContainsKey("redirectUris"));

    [Theory]
    [InlineData(null)]
    [InlineData("  ab  ")]
    public void A_name_must_have_three_characters_after_trimming(string? name)
    {
        var errors = new Dictionary<string, string[]>();
        AppRules.CheckName(name, errors);
        Assert.True(errors.ContainsKey("name"));
    }

    [Fact]
    public void Only_api_scopes_may_be_granted_to_an_app()
    {
        var errors = new Dictionary<string, string[]>();
        AppRules.CheckScopes(["accounts.read", "apps.manage", "openid"], errors);

        var message = Assert.Single(errors["scopes"]);
        Assert.Contains("apps.manage", message, StringComparison.Ordinal);
        Assert.Contains("openid", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("webhooks.manage")]
    [InlineData("consents.manage")]
    [InlineData("consents.authorise")]
    public void An_app_may_not_be_granted_the_first_party_clients_api_scopes(string scope)
    {
        var errors = new Dictionary<string, string[]>();
        AppRules.CheckScopes(["accounts.read", scope], errors);

        var message = Assert.Single(errors["scopes"]);
        Assert.StartsWith($"Unknown scope(s): {scope}.", message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string[]> RedirectErrors(string[] uris, string environment)
    {
        var errors = new Dictionary<string, string[]>();
        AppRules.CheckRedirectUris(uris, environment, errors);
        return errors;
    }
}
