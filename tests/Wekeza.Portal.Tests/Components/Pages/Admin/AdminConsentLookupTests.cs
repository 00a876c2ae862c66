using Wekeza.Consents;
using Wekeza.Portal.Components.Pages.Admin;
using Wekeza.Portal.Consents;
using Wekeza.Portal.Tests.Consents;

namespace Wekeza.Portal.Tests.Components.Pages.Admin;

public sealed class AdminConsentLookupTests : PortalTestContext
{
    [Fact]
    public void Someone_who_is_not_an_admin_is_told_so_and_gets_no_form()
    {
        SignInAsCustomer();

        var page = Render<AdminConsentLookup>();

        Assert.Contains("This page is for administrators", page.Find("[data-testid=admins-only]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=lookup-submit]"));
    }

    [Fact]
    public void Looking_up_with_no_filter_asks_for_one_and_sends_nothing()
    {
        SignInAsAdmin();
        var page = Render<AdminConsentLookup>();

        page.Find("[data-testid=lookup-client-id]").Change("   ");
        page.Find("[data-testid=lookup-submit]").Click();

        Assert.Contains("Enter a consent ID, a client ID or a customer subject.", page.Find("[data-testid=lookup-error]").TextContent);
        Assert.Equal("true", page.Find("[data-testid=lookup-consent-id]").GetAttribute("aria-invalid"));
        Assert.Empty(ConsentsApi.LookUpCalls);
    }

    [Fact]
    public void Looks_up_by_the_filters_given_and_lists_what_matches()
    {
        SignInAsAdmin();
        ConsentsApi.LookUpResults =
        [
            FakeConsentsClient.Consent("cns_0002", status: ConsentStatuses.Revoked),
            FakeConsentsClient.Consent("cns_0001"),
        ];
        var page = Render<AdminConsentLookup>();

        page.Find("[data-testid=lookup-client-id]").Change("app_abc");
        page.Find("[data-testid=lookup-submit]").Click();

        Assert.Equal(new ConsentLookup(null, "app_abc", null), Assert.Single(ConsentsApi.LookUpCalls));
        var rows = page.FindAll("[data-testid=lookup-results] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Equal("/admin/consents/cns_0002", rows[0].QuerySelector("[data-testid=result-consent] a")?.GetAttribute("href"));
        Assert.Contains("00000000-0000-0000-0000-000000000001", rows[0].QuerySelector("[data-testid=result-customer]")?.TextContent);
        Assert.Equal("Revoked", rows[0].QuerySelector("[data-testid=consent-status]")?.TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=lookup-error]"));
    }

    [Fact]
    public void Says_so_when_nothing_matches()
    {
        SignInAsAdmin();
        var page = Render<AdminConsentLookup>();

        page.Find("[data-testid=lookup-consent-id]").Change("cns_nothing");
        page.Find("[data-testid=lookup-submit]").Click();

        Assert.Equal("No consents match.", page.Find("[data-testid=lookup-no-results]").TextContent.Trim());
    }

    [Fact]
    public void A_refusal_from_the_api_is_shown()
    {
        SignInAsAdmin();
        ConsentsApi.Failure = "Consent lookup is for administrators, and your account is not one.";
        var page = Render<AdminConsentLookup>();

        page.Find("[data-testid=lookup-customer-subject]").Change("00000000-0000-0000-0000-000000000001");
        page.Find("[data-testid=lookup-submit]").Click();

        Assert.Equal(ConsentsApi.Failure, page.Find(".api-error").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=lookup-results]"));
    }
}
