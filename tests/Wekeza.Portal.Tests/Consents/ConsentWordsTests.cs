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

    [Fact]
    public void A_payment_consent_says_what_it_pays_and_to_whom_and_a_used_one_is_used()
    {
        var payment = FakeConsentsClient.Consent() with
        {
            Kind = "domestic-payment",
            Permissions = [],
            Payment = new ConsentPayment("1500.00", "KES", "Wekeza.AccountNumber", "010000020001", "Otieno Traders", "INV-1"),
            Status = "Consumed",
        };

        Assert.Equal(["One payment of KES 1,500.00 to Otieno Traders (reference INV-1)"], ConsentWords.Allows(payment));
        Assert.Equal("Used", ConsentWords.Status(payment.Status));
        Assert.Equal(["Your account details"], ConsentWords.Allows(FakeConsentsClient.Consent() with { Permissions = ["ReadAccounts"] }));
    }
}
