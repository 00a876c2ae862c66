using Wekeza.Consents;
using MudBlazor;
using Wekeza.Portal.Components.Pages.Consents;
using Wekeza.Portal.Consents;
using Wekeza.Portal.Tests.Consents;

namespace Wekeza.Portal.Tests.Components.Pages.Consents;

public sealed class ConsentDetailTests : PortalTestContext
{
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;
    private readonly IRenderedComponent<MudSnackbarProvider> _snackbars;

    public ConsentDetailTests()
    {
        SignInAsCustomer();
        ConsentsApi.Consents.Add(FakeConsentsClient.Consent(events:
        [
            FakeConsentsClient.Event("created", 0, "app:app_abc"),
            FakeConsentsClient.Event("authorised", 5, "customer:00000000-0000-0000-0000-000000000001"),
        ]));
        _dialogs = Render<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
    }

    [Fact]
    public void Shows_what_the_app_can_see_on_which_accounts_until_when()
    {
        var page = RenderDetail();

        Assert.Equal("Budget Buddy", page.Find("h1").TextContent.Trim());
        Assert.Equal("Active", page.Find("[data-testid=consent-status]").TextContent.Trim());
        Assert.Equal(["Your account details", "Your balances", "Your transactions"],
            page.FindAll("[data-testid=consent-permissions] li").Select(item => item.TextContent.Trim()));
        Assert.Contains("Everyday account •••• 0101", page.Find("[data-testid=consent-accounts]").TextContent);
        Assert.Equal("Until 1 Jan 2027", page.Find("[data-testid=consent-until]").TextContent.Trim());
    }

    [Fact]
    public void The_history_reads_oldest_first_saying_who_did_what()
    {
        // Out of order on purpose: the page orders by time rather than trusting the order it is given.
        ConsentsApi.Consents[0] = FakeConsentsClient.Consent(status: ConsentStatuses.Expired, events:
        [
            FakeConsentsClient.Event("authorised", 5, "customer:00000000-0000-0000-0000-000000000001"),
            FakeConsentsClient.Event("expired", 90, "system"),
            FakeConsentsClient.Event("created", 0, "app:app_abc"),
        ]);

        var page = RenderDetail();

        Assert.Equal(
            [
                ("Access requested", "The app", "24 Nov 2026, 10:00 UTC"),
                ("Access granted", "You", "24 Nov 2026, 10:05 UTC"),
                ("Access expired", "Automatically", "24 Nov 2026, 11:30 UTC"),
            ],
            HistoryRows(page).Select(row => (row.What, row.By, row.When)));
    }

    [Fact]
    public void Revoking_asks_first_naming_the_app_and_calls_the_api_only_after_confirming()
    {
        var page = RenderDetail();

        page.Find("[data-testid=revoke-access]").Click();

        _dialogs.WaitForAssertion(() => Assert.Contains("Revoke access for Budget Buddy?", _dialogs.Find(".mud-dialog").TextContent));
        Assert.Contains("Budget Buddy will stop seeing your accounts", _dialogs.Find("[data-testid=revoke-dialog-text]").TextContent);
        Assert.Empty(ConsentsApi.RevokeCalls);

        _dialogs.Find("[data-testid=confirm-revoke]").Click();

        page.WaitForAssertion(() => Assert.Equal("Revoked", page.Find("[data-testid=consent-status]").TextContent.Trim()));
        Assert.Equal(["cns_0001"], ConsentsApi.RevokeCalls);
        Assert.Empty(page.FindAll("[data-testid=revoke-access]"));
        Assert.Equal(("Access revoked", "You"), HistoryRows(page).Select(row => (row.What, row.By)).Last());
        _snackbars.WaitForAssertion(() => Assert.Contains("Budget Buddy can no longer see your accounts.", _snackbars.Markup));
    }

    [Fact]
    public void Cancelling_the_dialog_revokes_nothing()
    {
        var page = RenderDetail();

        page.Find("[data-testid=revoke-access]").Click();
        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=cancel-revoke]").Click());

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        Assert.Empty(ConsentsApi.RevokeCalls);
        Assert.Equal("Active", page.Find("[data-testid=consent-status]").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=revoke-access]"));
    }

    [Fact]
    public void A_failed_revocation_shows_the_message_and_leaves_the_consent_active()
    {
        ConsentsApi.RevokeFailure = "We could not reach the bank's consent service. Try again in a moment.";
        var page = RenderDetail();

        page.Find("[data-testid=revoke-access]").Click();
        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=confirm-revoke]").Click());

        page.WaitForAssertion(() => Assert.Equal(ConsentsApi.RevokeFailure, page.Find(".api-error").TextContent.Trim()));
        Assert.Equal("Active", page.Find("[data-testid=consent-status]").TextContent.Trim());
    }

    [Theory]
    [InlineData(ConsentStatuses.Revoked)]
    [InlineData(ConsentStatuses.Rejected)]
    [InlineData(ConsentStatuses.Expired)]
    public void A_consent_that_is_over_cannot_be_revoked(string status)
    {
        ConsentsApi.Consents[0] = FakeConsentsClient.Consent(status: status, events: []);

        var page = RenderDetail();

        Assert.Empty(page.FindAll("[data-testid=revoke-access]"));
    }

    [Fact]
    public void A_consent_that_is_not_yours_gets_a_friendly_not_found_state()
    {
        var page = RenderDetail("cns_someone_elses");

        var notFound = page.Find("[data-testid=consent-not-found]");
        Assert.Contains("We couldn't find that consent", notFound.TextContent);
        Assert.NotNull(notFound.QuerySelector("a[href='/consents']"));
    }

    private IRenderedComponent<ConsentDetail> RenderDetail(string consentId = "cns_0001") =>
        Render<ConsentDetail>(parameters => parameters.Add(p => p.ConsentId, consentId));

    private static IEnumerable<(string What, string By, string When)> HistoryRows(IRenderedComponent<ConsentDetail> page) =>
        page.FindAll("[data-testid=history-event]").Select(row => (
            row.QuerySelector("[data-testid=event-what]")!.TextContent.Trim(),
            row.QuerySelector("[data-testid=event-by]")!.TextContent.Trim(),
            row.QuerySelector("[data-testid=event-when]")!.TextContent.Trim()));
}
