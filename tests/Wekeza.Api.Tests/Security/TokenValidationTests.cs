using Microsoft.Extensions.Configuration;
using Wekeza.Api.Security;

namespace Wekeza.Api.Tests.Security;

public sealed class TokenValidationTests
{
    [Theory]
    [InlineData("https://auth.example:5001", "https://auth.example:5001/")]
    [InlineData("https://auth.example:5001/", "https://auth.example:5001/")]
    [InlineData("https://auth.example//", "https://auth.example/")]
    [InlineData(" https://auth.example/tenant ", "https://auth.example/tenant/")]
    public void The_issuer_has_exactly_one_trailing_slash(string configured, string expected)
    {
        var issuer = TokenValidation.ResolveIssuer(Configuration(configured));

        Assert.Equal(expected, issuer.AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auth:5001")]
    public void A_missing_or_relative_issuer_fails_with_the_setting_to_fix(string? configured)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TokenValidation.ResolveIssuer(Configuration(configured)));

        Assert.Contains("services:auth:https:0", error.Message);
    }

    private static IConfiguration Configuration(string? issuer) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [TokenValidation.IssuerKey] = issuer })
            .Build();
}
