using System.Globalization;
using Wekeza.Auth.Features.Authorize;

namespace Wekeza.Auth.Tests.Features.Authorize;

/// <summary>How the consent screen puts a payment in the customer's words.</summary>
public sealed class ConsentScreenTests
{
    [Theory]
    [InlineData("1500.00", "KES 1,500.00")]
    [InlineData("1500", "KES 1,500.00")]
    [InlineData("0.5", "KES 0.50")]
    [InlineData("1234567.89", "KES 1,234,567.89")]
    [InlineData("79228162514264337593543950335", "KES 79,228,162,514,264,337,593,543,950,335.00")]
    public void An_amount_is_shown_with_its_currency_grouped_and_with_cents(string amount, string shown) =>
        Assert.Equal(shown, ConsentScreen.FormatAmount(amount, "KES"));

    [Fact]
    public void An_amount_with_more_decimals_than_cents_is_shown_whole_never_rounded() =>
        Assert.Equal("KES 10.005", ConsentScreen.FormatAmount("10.005", "KES"));

    [Fact]
    public void An_amount_reads_the_same_whatever_the_servers_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            // German writes 1.500,00: the bank's "1500.00" must still mean fifteen hundred, shown one way.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("KES 1,500.00", ConsentScreen.FormatAmount("1500.00", "KES"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("1,500.00")]
    [InlineData("-5.00")]
    [InlineData("1e3")]
    public void An_amount_the_screen_cannot_read_is_shown_as_the_bank_sent_it(string amount) =>
        Assert.Equal($"KES {amount}", ConsentScreen.FormatAmount(amount, "KES"));

    [Theory]
    [InlineData("Wekeza.AccountNumber", "012345678901", "Wekeza account •••• 8901")]
    [InlineData("KE.BankAccount", "1100223344", "bank account •••• 3344")]
    [InlineData("KE.MobileMoney", "254712345678", "mobile money •••• 5678")]
    [InlineData("KE.MobileMoney", "123", "mobile money •••• 123")]
    public void The_creditor_account_is_named_by_kind_and_shows_only_its_last_four(string scheme, string identification, string shown) =>
        Assert.Equal(shown, ConsentScreen.DescribeCreditorAccount(ConsentScreens.Payment(scheme: scheme, identification: identification)));

    [Fact]
    public void A_payment_consent_makes_a_payment_screen_and_an_account_consent_does_not()
    {
        Assert.Equal("Duka La Mama", ConsentScreens.Screen(ConsentScreens.PaymentConsent()).Payment?.CreditorName);
        Assert.Equal("Authorise Duka Pay to make a payment?", ConsentScreens.Screen(ConsentScreens.PaymentConsent()).Title);
        Assert.Null(ConsentScreens.Screen(ConsentScreens.AccountConsent()).Payment);
        Assert.Equal("Allow Duka Pay access?", ConsentScreens.Screen(ConsentScreens.AccountConsent()).Title);
    }

    [Fact]
    public void The_account_to_pay_from_starts_on_the_first_or_on_the_one_chosen_before()
    {
        Assert.Equal("acc_000101", ConsentScreens.Screen(ConsentScreens.PaymentConsent()).PayFrom);
        Assert.Equal("acc_000102", ConsentScreens.Screen(ConsentScreens.PaymentConsent(), selected: ["acc_000102"]).PayFrom);
        Assert.Equal("acc_000101", ConsentScreens.Screen(ConsentScreens.PaymentConsent(), selected: ["acc_not_theirs"]).PayFrom);
        Assert.Null(ConsentScreens.Screen(ConsentScreens.PaymentConsent(accounts: [])).PayFrom);
    }
}
