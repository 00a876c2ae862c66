using Wekeza.Consents;
using Wekeza.Portal.Components.Pages.Consents;
using Wekeza.Portal.Consents;
using Wekeza.Portal.Tests.Consents;

namespace Wekeza.Portal.Tests.Components.Pages.Consents;

public sealed class MyConsentsTests : PortalTestContext
{
    public MyConsentsTests() => SignInAsCustomer();

    [Fact]
    public void Lists_each_app_with_what_it_can_see_in_plain_words_the_accounts_status_and_end()
    {
        ConsentsApi.Consents.Add(FakeConsentsClient.Consent());
        ConsentsApi.Consents.Add(FakeConsentsClient.Consent("cns_0002", "Savings Sidekick", ConsentStatuses.Revoked));

        var page = Render<MyConsents>();

        var rows = page.FindAll("[data-testid=consents-table] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Equal("Budget Buddy", Cell(rows[0], "consent-app"));
        Assert.Equal("/consents/cns_0001", rows[0].QuerySelector("[data-testid=consent-app] a")?.GetAttribute("href"));
        Assert.Equal("Your account details, Your balances, Your transactions", Cell(rows[0], "consent-permissions"));
        Assert.Equal("Everyday account •••• 0101", Cell(rows[0], "consent-accounts"));
        Assert.Equal("Active", Cell(rows[0], "consent-status"));
        Assert.Equal("Until 1 Jan 2027", Cell(rows[0], "consent-until"));
        Assert.Equal("Revoked", Cell(rows[1], "consent-status"));
        Assert.Equal("Ended 24 Nov 2026", Cell(rows[1], "consent-until"));
        Assert.Empty(page.FindAll("[data-testid=consents-empty]"));
    }

    [Fact]
    public void Without_consents_explains_what_a_consent_is()
    {
        var page = Render<MyConsents>();

        var empty = page.Find("[data-testid=consents-empty]");
        Assert.Contains("No app can see your accounts", empty.TextContent);
        Assert.Contains("consent", empty.TextContent);
        Assert.Empty(page.FindAll("[data-testid=consents-table]"));
    }

    [Fact]
    public void A_failing_api_shows_its_message_instead_of_a_list()
    {
        ConsentsApi.Failure = "We could not reach the bank's consent service. Try again in a moment.";

        var page = Render<MyConsents>();

        Assert.Equal(ConsentsApi.Failure, page.Find(".api-error").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=consents-empty]"));
        Assert.Empty(page.FindAll("[data-testid=consents-table]"));
    }

    private static string Cell(AngleSharp.Dom.IElement row, string testId) =>
        row.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim() ?? "";
}
