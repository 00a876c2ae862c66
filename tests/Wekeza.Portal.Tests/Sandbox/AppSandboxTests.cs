using Wekeza.Portal.Components.Pages.Apps;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Sandbox;
using Wekeza.Portal.Tests.Apps;

namespace Wekeza.Portal.Tests.Sandbox;

public sealed class AppSandboxTests : SandboxTestContext
{
    public AppSandboxTests() => AppsApi.Apps.Add(FakeAppsClient.App());

    [Fact]
    public void The_apps_page_links_to_its_sandbox_controls()
    {
        var page = Render<AppDetail>(parameters => parameters.Add(p => p.Id, "app_1"));

        var link = page.Find("[data-testid=app-sandbox-link]");
        Assert.Equal("/apps/app_1/sandbox", link.GetAttribute("href"));
        Assert.Equal("Sandbox controls", link.TextContent.Trim());
    }

    [Fact]
    public void Shows_the_test_customers_accounts_balances_and_shared_password_for_the_apps_client_id()
    {
        var page = RenderPage();

        Assert.Equal("Sandbox controls", page.Find("h1").TextContent.Trim());
        Assert.Equal("/apps/app_1", page.Find("[data-testid=back-to-app]").GetAttribute("href"));
        Assert.Equal(["Customers sbx_3f9c", "Clock sbx_3f9c"], SandboxApi.Calls);
        Assert.Equal(
            [
                ("amina", "acc_000101", "010000010001", "KES 98,250.00", "active"),
                ("amina", "acc_000102", "010000010002", "KES 150,000.00", "active"),
                ("joseph", "acc_000601", "010000060001", "KES 12.50", "dormant"),
            ],
            page.FindAll("[data-testid=sandbox-customer-row]").Select(row => (
                row.GetAttribute("data-handle"), row.GetAttribute("data-account-id"),
                row.QuerySelector("[data-testid=sandbox-account-number]")!.TextContent,
                row.QuerySelector("[data-testid=sandbox-account-balance]")!.TextContent.Trim(),
                row.QuerySelector("[data-testid=sandbox-account-status]")!.TextContent)));
        Assert.Equal(["Amina Wanjiru", "Joseph Mwangi"], page.FindAll("[data-testid=sandbox-customer-name]").Select(name => name.TextContent));
        Assert.Equal("amina.wanjiru@sandbox.wekeza.test", page.Find("[data-testid=sandbox-customer-email]").TextContent);
        // One password for all, shown once with a copy button.
        var password = Assert.Single(page.FindAll("[data-testid=sandbox-customers-password]"));
        Assert.Equal("Sandbox-Customer-2026", password.QuerySelector("[data-testid=sandbox-customers-password-value]")!.TextContent);
        Assert.Contains("Every test customer", password.TextContent);
        Assert.NotNull(password.QuerySelector("button[aria-label='Copy the test customers\\' password']"));
    }

    [Fact]
    public void A_production_app_gets_a_clear_message_and_no_sandbox_calls()
    {
        AppsApi.Apps.Add(FakeAppsClient.App(id: "app_live", name: "Payroll Live", clientId: "live_9a1b") with { Environment = "production" });

        var page = RenderPage("app_live");

        var notice = page.Find("[data-testid=sandbox-production-notice]");
        Assert.Contains("Sandbox controls are for sandbox apps", notice.TextContent);
        Assert.Contains("Payroll Live is a production app", notice.TextContent);
        Assert.Empty(page.FindAll("[data-testid=sandbox-customers]"));
        Assert.Empty(page.FindAll("[data-testid=sandbox-reset]"));
        Assert.Empty(SandboxApi.Calls);
    }

    [Fact]
    public void An_unknown_app_gets_the_not_found_state_and_no_sandbox_calls()
    {
        var page = RenderPage("app_nope");

        Assert.Contains("We couldn't find that app", page.Find(".app-not-found h1").TextContent);
        Assert.Empty(SandboxApi.Calls);
    }

    [Fact]
    public void Customers_that_cannot_be_read_leave_a_message_and_the_other_controls_usable()
    {
        SandboxApi.OnCustomers = () => new ApiResult<IReadOnlyList<SandboxCustomer>>.Failed("We could not reach the sandbox service. Try again in a moment.");

        var page = RenderPage();

        Assert.Contains("We could not reach the sandbox service", page.Find("[data-testid=sandbox-customers] .api-error").TextContent);
        Assert.True(page.Find("[data-testid=sandbox-incoming-submit]").HasAttribute("disabled"));
        Assert.False(page.Find("[data-testid=sandbox-fire-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_booked_transaction_shows_the_new_balance_in_the_customers_table()
    {
        var page = RenderPage();

        Choose(page, "sandbox-incoming-account", "acc_000101");
        page.Find("[data-testid=sandbox-incoming-amount]").Change("1500.00");
        page.Find("[data-testid=sandbox-incoming-submit]").Click();

        var row = page.Find("[data-testid=sandbox-customer-row][data-account-id=acc_000101]");
        Assert.Equal("KES 99,750.00", row.QuerySelector("[data-testid=sandbox-account-balance]")!.TextContent.Trim());
        Assert.Equal("KES 150,000.00",
            page.Find("[data-testid=sandbox-customer-row][data-account-id=acc_000102] [data-testid=sandbox-account-balance]").TextContent.Trim());
    }

    [Fact]
    public void A_reset_reads_the_customers_and_the_clock_again()
    {
        SandboxApi.Clock = new SandboxClock(FakeSandboxClient.Now.AddDays(3), 3 * 86400);
        var page = RenderPage();
        Assert.Equal("3 days ahead of real time", Text(page, "sandbox-clock-offset"));

        page.Find("[data-testid=sandbox-reset]").Click();
        Dialogs.WaitForAssertion(() => Dialogs.Find("[data-testid=sandbox-reset-confirm]").Click());

        page.WaitForAssertion(() => Assert.Equal("On real time", Text(page, "sandbox-clock-offset")));
        Assert.Equal(["Customers sbx_3f9c", "Clock sbx_3f9c", "Reset sbx_3f9c", "Customers sbx_3f9c", "Clock sbx_3f9c"], SandboxApi.Calls);
        Assert.Contains("removed 3 consents", Text(page, "sandbox-reset-result"));
    }

    private IRenderedComponent<AppSandbox> RenderPage(string id = "app_1") =>
        Render<AppSandbox>(parameters => parameters.Add(p => p.Id, id));
}
