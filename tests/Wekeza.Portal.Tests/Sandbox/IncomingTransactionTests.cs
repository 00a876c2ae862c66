using Wekeza.Portal.Components.Sandbox;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Sandbox;

namespace Wekeza.Portal.Tests.Sandbox;

public sealed class IncomingTransactionTests : SandboxTestContext
{
    [Fact]
    public void Books_the_amount_on_the_chosen_account_and_shows_what_was_booked()
    {
        IncomingTransaction? announced = null;
        var card = Render<IncomingTransactionCard>(parameters => parameters
            .Add(p => p.ClientId, FakeSandboxClient.ClientId)
            .Add(p => p.Customers, SandboxApi.Customers)
            .Add(p => p.Booked, booked => announced = booked));

        Choose(card, "sandbox-incoming-account", "acc_000101");
        card.Find("[data-testid=sandbox-incoming-amount]").Change(" 1500.00 ");
        card.Find("[data-testid=sandbox-incoming-payer]").Change("Kevin Kiprop");
        card.Find("[data-testid=sandbox-incoming-reference]").Change("INV-1");
        card.Find("[data-testid=sandbox-incoming-submit]").Click();

        var (accountId, request) = Assert.Single(SandboxApi.IncomingCalls);
        Assert.Equal(("acc_000101", new IncomingTransactionRequest("1500.00", "KES", "Kevin Kiprop", "INV-1")), (accountId, request));
        Assert.Equal("Incoming sbx_3f9c acc_000101", SandboxApi.Calls.Single());
        var result = Text(card, "sandbox-incoming-result");
        Assert.Contains("Booked KES 1,500.00 on Amina Wanjiru · Everyday account · 010000010001", result);
        Assert.Contains("“Incoming transfer from Kevin Kiprop”", result);
        Assert.Equal("KES 99,750.00", Text(card, "sandbox-incoming-balance"));
        Assert.Contains("txn_456", result);
        Assert.Equal("99750.00", announced?.BalanceAfter);
    }

    [Fact]
    public void Blank_optional_fields_are_left_out()
    {
        var card = RenderCard();

        Choose(card, "sandbox-incoming-account", "acc_000102");
        card.Find("[data-testid=sandbox-incoming-amount]").Change("250");
        card.Find("[data-testid=sandbox-incoming-payer]").Change("   ");
        card.Find("[data-testid=sandbox-incoming-submit]").Click();

        Assert.Equal(new IncomingTransactionRequest("250", "KES"), Assert.Single(SandboxApi.IncomingCalls).Request);
    }

    [Theory]
    [InlineData("", "Enter a positive amount with a dot for decimals, e.g. 1500.00.")]
    [InlineData("0", "Enter a positive amount with a dot for decimals, e.g. 1500.00.")]
    [InlineData("-5", "Enter a positive amount with a dot for decimals, e.g. 1500.00.")]
    [InlineData("1,500.00", "Enter a positive amount with a dot for decimals, e.g. 1500.00.")]
    [InlineData("10.005", "At most 2 decimal places.")]
    [InlineData("10000000.01", "At most 10,000,000.00 per sandbox transaction.")]
    public void The_amount_is_checked_before_anything_is_sent(string amount, string message)
    {
        var card = RenderCard();

        Choose(card, "sandbox-incoming-account", "acc_000101");
        card.Find("[data-testid=sandbox-incoming-amount]").Change(amount);
        card.Find("[data-testid=sandbox-incoming-submit]").Click();

        Assert.Equal("true", card.Find("[data-testid=sandbox-incoming-amount]").GetAttribute("aria-invalid"));
        Assert.Contains(message, card.Find("[data-testid=sandbox-incoming]").TextContent);
        Assert.Empty(SandboxApi.Calls);
        Assert.Empty(card.FindAll("[data-testid=sandbox-incoming-result]"));
    }

    [Fact]
    public void Without_an_account_or_with_too_long_texts_nothing_is_sent()
    {
        var card = RenderCard();

        card.Find("[data-testid=sandbox-incoming-amount]").Change("10.00");
        card.Find("[data-testid=sandbox-incoming-payer]").Change(new string('p', 71));
        card.Find("[data-testid=sandbox-incoming-reference]").Change(new string('r', 36));
        card.Find("[data-testid=sandbox-incoming-submit]").Click();

        Assert.Equal("true", card.Find("[data-testid=sandbox-incoming-account]").GetAttribute("aria-invalid"));
        Assert.Equal("true", card.Find("[data-testid=sandbox-incoming-payer]").GetAttribute("aria-invalid"));
        Assert.Equal("true", card.Find("[data-testid=sandbox-incoming-reference]").GetAttribute("aria-invalid"));
        Assert.Contains("Choose the account to credit.", card.Find("[data-testid=sandbox-incoming]").TextContent);
        Assert.Empty(SandboxApi.Calls);
    }

    [Fact]
    public void The_apis_field_errors_land_under_their_fields()
    {
        SandboxApi.OnIncoming = (_, _) => new ApiResult<IncomingTransaction>.Invalid(new FieldErrors(new Dictionary<string, string[]>
        {
            ["amount"] = ["At most KES 10,000,000.00 per sandbox transaction."],
            ["somethingNew"] = ["A rule the portal does not know yet."],
        }));
        var card = RenderCard();

        Choose(card, "sandbox-incoming-account", "acc_000101");
        card.Find("[data-testid=sandbox-incoming-amount]").Change("5.00");
        card.Find("[data-testid=sandbox-incoming-submit]").Click();

        Assert.Equal("true", card.Find("[data-testid=sandbox-incoming-amount]").GetAttribute("aria-invalid"));
        Assert.Contains("At most KES 10,000,000.00 per sandbox transaction.", card.Find("[data-testid=sandbox-incoming]").TextContent);
        Assert.Equal("A rule the portal does not know yet.", Text(card, "sandbox-incoming-error"));
        Assert.Empty(card.FindAll("[data-testid=sandbox-incoming-result]"));
    }

    [Fact]
    public void A_refusal_shows_the_apis_explanation()
    {
        SandboxApi.OnIncoming = (_, _) => FakeSandboxClient.Refused<IncomingTransaction>("account_not_active",
            "acc_000601 is dormant: a dormant account is not credited. Use an active account.");
        var card = RenderCard();

        Choose(card, "sandbox-incoming-account", "acc_000601");
        card.Find("[data-testid=sandbox-incoming-amount]").Change("5.00");
        card.Find("[data-testid=sandbox-incoming-submit]").Click();

        Assert.Equal("acc_000601 is dormant: a dormant account is not credited. Use an active account.", card.Find(".api-error").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=sandbox-incoming-result]"));
    }

    private IRenderedComponent<IncomingTransactionCard> RenderCard() =>
        Render<IncomingTransactionCard>(parameters => parameters
            .Add(p => p.ClientId, FakeSandboxClient.ClientId)
            .Add(p => p.Customers, SandboxApi.Customers));
}
