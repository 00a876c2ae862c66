using Wekeza.Portal.Components.Pages.Admin;
using Wekeza.Portal.Tests.Consents;

namespace Wekeza.Portal.Tests.Components.Pages.Admin;

public sealed class AdminConsentDetailTests : PortalTestContext
{
    public AdminConsentDetailTests() =>
        ConsentsApi.Consents.Add(FakeConsentsClient.Consent(events:
        [
            FakeConsentsClient.Event("created", 0, "app:app_abc", "10.0.0.7"),
            FakeConsentsClient.Event("authorised", 5, "customer:00000000-0000-0000-0000-000000000001", "41.90.1.2"),
        ]));

    [Fact]
    public void Shows_the_client_the_customer_the_accounts_and_the_audit_trail_with_addresses()
    {
        SignInAsAdmin();

        var page = RenderDetail();

        Assert.Contains("app_abc", page.Find("[data-testid=consent-client]").TextContent);
        Assert.Contains("00000000-0000-0000-0000-000000000001", page.Find("[data-testid=consent-customer]").TextContent);
        Assert.Contains("acc_000101", page.Find("[data-testid=consent-accounts]").TextContent);
        Assert.Equal(
            [
                ("Access requested", "app:app_abc", "10.0.0.7"),
                ("Access granted", "customer:00000000-0000-0000-0000-000000000001", "41.90.1.2"),
            ],
            page.FindAll("[data-testid=history-event]").Select(row => (
                row.QuerySelector("[data-testid=event-what]")!.TextContent.Trim(),
                row.QuerySelector("[data-testid=event-actor]")!.TextContent.Trim(),
                row.QuerySelector("[data-testid=event-address]")!.TextContent.Trim())));
    }

    [Fact]
    public void Someone_who_is_not_an_admin_is_told_so_and_nothing_is_fetched()
    {
        SignInAsCustomer();

        var page = RenderDetail();

        Assert.NotNull(page.Find("[data-testid=admins-only]"));
        Assert.Empty(ConsentsApi.GetAnyCalls);
        Assert.Empty(page.FindAll("[data-testid=consent-customer]"));
    }

    [Fact]
    public void An_unknown_consent_says_so_and_leads_back_to_the_lookup()
    {
        SignInAsAdmin();

        var page = RenderDetail("cns_unknown");

        var notFound = page.Find("[data-testid=consent-not-found]");
        Assert.Contains("No consent has that ID", notFound.TextContent);
        Assert.NotNull(notFound.QuerySelector("a[href='/admin/consents']"));
    }

    private IRenderedComponent<AdminConsentDetail> RenderDetail(string consentId = "cns_0001") =>
        Render<AdminConsentDetail>(parameters => parameters.Add(p => p.ConsentId, consentId));
}
