using Wekeza.Portal.Consents;

namespace Wekeza.Portal.Tests.Consents;

public sealed class ConsentWordsTests
{
    [Theory]
    [InlineData("customer:00000000-0000-0000-0000-000000000001", "You")]
    [InlineData("app:app_abc", "The app")]
    [InlineData("admin:00000000-0000-0000-0000-000000000009", "An administrator")]
    [InlineData("system", "Automatically")]
    public void Says_who_acted_as_the_customer_reads_it(string actor, string words) =>
        Assert.Equal(words, ConsentWords.Actor(actor));

    [Fact]
    public void A_permission_the_portal_does_not_know_yet_is_shown_as_the_api_names_it() =>
        Assert.Equal("ReadStandingOrders", ConsentWords.Permission("ReadStandingOrders"));

    [Fact]
    public void A_consent_nobody_has_decided_is_named_by_its_app_client_id() =>
        Assert.Equal("app_abc", ConsentWords.AppName(FakeConsentsClient.Consent(appName: null)));
}
