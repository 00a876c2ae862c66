using Wekeza.Portal.Webhooks;

namespace Wekeza.Portal.Tests.Webhooks;

public sealed class WebhookRulesTests
{
    [Theory]
    [InlineData("https://hooks.example/wekeza")]
    [InlineData("http://localhost:5000/hooks")]
    public void An_absolute_http_or_https_url_with_an_event_passes(string url) =>
        Assert.True(WebhookRules.Validate(url, ["payment.completed"], null).IsEmpty);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hooks.example/wekeza")]
    [InlineData("ftp://hooks.example/wekeza")]
    [InlineData("/relative/path")]
    public void Anything_else_is_a_url_error(string url) =>
        Assert.True(WebhookRules.Validate(url, ["payment.completed"], null).Has(WebhookFields.Url));

    [Fact]
    public void No_event_type_and_a_long_description_are_errors_too()
    {
        var errors = WebhookRules.Validate("https://hooks.example", [], new string('x', WebhookRules.DescriptionMaxLength + 1));

        Assert.Equal("Choose at least one event type.", errors.For(WebhookFields.EventTypes));
        Assert.True(errors.Has(WebhookFields.Description));
    }
}
