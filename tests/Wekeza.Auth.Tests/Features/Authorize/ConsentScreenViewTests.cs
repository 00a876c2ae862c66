using System.Net;
using System.Text.RegularExpressions;
using Wekeza.Auth.Features.Consents;

namespace Wekeza.Auth.Tests.Features.Authorize;

/// <summary>What the customer reads and can answer on the consent screen, for a payment and for account access.</summary>
public sealed partial class ConsentScreenViewTests(ConsentScreenRenderer renderer) : IClassFixture<ConsentScreenRenderer>
{
    [Fact]
    public async Task A_payment_is_shown_in_the_customers_words()
    {
        var html = await renderer.RenderAsync(ConsentScreens.Screen(ConsentScreens.PaymentConsent()));

        Assert.Contains("Duka Pay is asking to make a payment from your account", Text(html), StringComparison.Ordinal);
        Assert.Equal("KES 1,500.00", TestId(html, "payment-amount"));
        Assert.Equal("to Duka La Mama mobile money •••• 5678", TestId(html, "payment-creditor"));
        Assert.Equal("Reference INV-2291", TestId(html, "payment-reference"));
        Assert.Contains("data-testid=\"consent-payment\"", html, StringComparison.Ordinal);
        Assert.StartsWith("Valid until 24 November 2026, 09:30 UTC", TestId(html, "consent-expiry"), StringComparison.Ordinal);
        // The creditor's full account number is not on the page, and no data permissions are listed.
        Assert.DoesNotContain("254712345678", html, StringComparison.Ordinal);
        Assert.DoesNotContain("consent-permissions", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payment_leaves_one_account_picked_with_radio_buttons_starting_on_the_first()
    {
        var html = await renderer.RenderAsync(ConsentScreens.Screen(ConsentScreens.PaymentConsent()));

        var accounts = Inputs(html).Where(input => input.GetValueOrDefault("name") == "account").ToList();
        Assert.Equal(["acc_000101", "acc_000102"], accounts.Select(input => input["value"]));
        Assert.All(accounts, input => Assert.Equal("radio", input["type"]));
        Assert.All(accounts, input => Assert.Equal($"account-{input["value"]}", input["data-testid"]));
        Assert.Equal(["acc_000101"], accounts.Where(input => input.ContainsKey("checked")).Select(input => input["value"]));
        Assert.Contains("<legend>Pay from which account?</legend>", html, StringComparison.Ordinal);
        Assert.Equal("Authorise payment", TestId(html, "allow"));
    }

    [Fact]
    public async Task A_payment_shown_again_keeps_the_account_the_customer_picked()
    {
        var html = await renderer.RenderAsync(ConsentScreens.Screen(ConsentScreens.PaymentConsent(), selected: ["acc_000102"], problem: "Insufficient funds."));

        var picked = Inputs(html).Where(input => input.GetValueOrDefault("name") == "account" && input.ContainsKey("checked"));
        Assert.Equal(["acc_000102"], picked.Select(input => input["value"]));
        Assert.Equal("Insufficient funds.", TestId(html, "consent-problem"));
    }

    [Fact]
    public async Task A_customer_with_no_account_in_the_payments_currency_can_only_decline()
    {
        var html = await renderer.RenderAsync(ConsentScreens.Screen(ConsentScreens.PaymentConsent(accounts: [])));

        Assert.Equal("You have no KES account to pay from. You can only decline.", TestId(html, "no-accounts"));
        Assert.DoesNotContain("data-testid=\"allow\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"deny\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_access_still_lists_permissions_and_ticks_accounts()
    {
        var html = await renderer.RenderAsync(ConsentScreens.Screen(ConsentScreens.AccountConsent(), selected: ["acc_000102"]));

        Assert.Contains("Duka Pay is asking to see:", Text(html), StringComparison.Ordinal);
        Assert.Contains("Your account balances", TestId(html, "consent-permissions"), StringComparison.Ordinal);
        Assert.StartsWith("Until 24 November 2026, 09:30 UTC, unless you withdraw it sooner.", TestId(html, "consent-expiry"), StringComparison.Ordinal);
        Assert.Contains("<legend>Which accounts may it see?</legend>", html, StringComparison.Ordinal);
        var accounts = Inputs(html).Where(input => input.GetValueOrDefault("name") == "account").ToList();
        Assert.All(accounts, input => Assert.Equal("checkbox", input["type"]));
        Assert.Equal(["acc_000102"], accounts.Where(input => input.ContainsKey("checked")).Select(input => input["value"]));
        Assert.Equal("Allow", TestId(html, "allow"));
        Assert.DoesNotContain("consent-payment", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_access_with_no_accounts_says_there_is_nothing_to_share()
    {
        var html = await renderer.RenderAsync(ConsentScreens.Screen(ConsentScreens.AccountConsent(accounts: Array.Empty<ConsentAccount>())));

        Assert.Equal("You have no accounts at Wekeza to share. You can only decline.", TestId(html, "no-accounts"));
    }

    [Fact]
    public async Task The_answer_posts_to_the_decision_page_with_an_antiforgery_token()
    {
        var html = await renderer.RenderAsync(ConsentScreens.Screen(ConsentScreens.PaymentConsent()));

        Assert.Contains("action=\"/connect/authorize/decision\"", html, StringComparison.Ordinal);
        Assert.Contains(Inputs(html), input => input.GetValueOrDefault("name") == "__RequestVerificationToken");
        Assert.Contains(Inputs(html), input => input.GetValueOrDefault("name") == "client_id" && input["value"] == ConsentScreens.ClientId);
    }

    /// <summary>The text inside the element with this test id as a person reads it: tags dropped, white space collapsed.</summary>
    private static string TestId(string html, string testId)
    {
        var match = Regex.Match(html, $"<(\\w+)[^>]*data-testid=\"{testId}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No element with data-testid={testId}.");
        return Text(match.Groups[2].Value);
    }

    private static string Text(string html) =>
        WhiteSpace().Replace(WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "</?(strong|small)>", ""), "<[^>]+>", " ")), " ").Trim();

    private static List<Dictionary<string, string>> Inputs(string html) =>
    [
        .. InputTag().Matches(html).Select(tag => Attribute().Matches(tag.Value)
            .ToDictionary(attribute => attribute.Groups[1].Value, attribute => WebUtility.HtmlDecode(attribute.Groups[2].Value))),
    ];

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("([\\w-]+)=\"([^\"]*)\"")]
    private static partial Regex Attribute();

    [GeneratedRegex("\\s+")]
    private static partial Regex WhiteSpace();
}
