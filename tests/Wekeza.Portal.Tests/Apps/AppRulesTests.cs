using Wekeza.Portal.Apps;
using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Tests.Apps;

public sealed class AppRulesTests
{
    [Theory]
    [InlineData("https://app.example/callback")]
    [InlineData("http://localhost:5000/cb")]
    [InlineData("http://127.0.0.1/cb")]
    [InlineData("http://[::1]:8080/cb")]
    public void Accepts_the_contracts_redirect_uris(string uri) => Assert.Null(AppRules.RedirectUriProblem(uri));

    [Theory]
    [InlineData("http://example.com/cb")]
    [InlineData("http://127.0.0.2/cb")]
    [InlineData("ftp://x")]
    [InlineData("com.example.app://callback")]
    [InlineData("https://app.example/cb#frag")]
    [InlineData("https://*.example/cb")]
    [InlineData("not a uri")]
    [InlineData("")]
    public void Refuses_other_redirect_uris(string uri) => Assert.NotNull(AppRules.RedirectUriProblem(uri));

    [Theory]
    [InlineData("ab", true)]
    [InlineData("  ab  ", true)]
    [InlineData("abc", false)]
    [InlineData(null, true)]
    public void Name_must_be_3_to_80_characters_after_trimming(string? name, bool refused)
    {
        var errors = new FieldErrors();
        AppRules.ValidateName(name, errors);
        Assert.Equal(refused, errors.Has(AppFields.Name));

        var tooLong = new FieldErrors();
        AppRules.ValidateName(new string('x', 81), tooLong);
        Assert.True(tooLong.Has(AppFields.Name));
    }

    [Fact]
    public void Duplicates_and_too_many_redirect_uris_are_refused()
    {
        var errors = new FieldErrors();

        AppRules.ValidateRedirectUris([.. Enumerable.Repeat("https://app.example/cb", 11)], errors);

        Assert.True(errors.Has(AppFields.RedirectUris));
        Assert.False(errors.Has("redirectUris[0]"));
        Assert.True(errors.Has("redirectUris[1]"));
    }

    [Fact]
    public void A_description_over_500_characters_is_refused()
    {
        var errors = new FieldErrors();

        AppRules.ValidateDescription(new string('x', 501), errors);

        Assert.True(errors.Has(AppFields.Description));
    }

    [Fact]
    public void Server_error_keys_match_whatever_their_case()
    {
        var errors = new FieldErrors(new Dictionary<string, string[]> { ["RedirectUris[0]"] = ["no"], ["Name"] = ["a", "b"] });

        Assert.Equal("no", errors.For(AppFields.RedirectUri(0)));
        Assert.Equal("a b", errors.For(AppFields.Name));
    }
}
