using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Wekeza.Portal.Components.Pages.Admin;
using Wekeza.Portal.GoLive;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Tests.GoLive;
using Wekeza.Portal.Tests.Usage;
using Wekeza.Portal.Usage;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Portal.Tests.Components.Pages.Admin;

public sealed class AdminAppsTests : PortalTestContext
{
    private readonly FakeGoLiveClient _goLive = new();
    private readonly FakeUsageClient _usage = new();

    public AdminAppsTests()
    {
        Services.AddSingleton<IGoLiveClient>(_goLive);
        Services.AddSingleton<IUsageClient>(_usage);
        Render<MudPopoverProvider>();
        var created = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        _goLive.Apps.Add(new AdminAppSummary("app_quiet", "sbx_quiet", "Quiet app", "sandbox", "quiet@tausi.example", null, null, null, created));
        _goLive.Apps.Add(new AdminAppSummary("app_busy", "sbx_busy", "Busy app", "sandbox", "busy@tausi.example", null, "prq_1", "submitted", created));
        _goLive.Apps.Add(new AdminAppSummary("app_live", "live_busy", "Busy app", "production", "busy@tausi.example", "app_busy", null, null, created.AddDays(1)));
    }

    [Fact]
    public void Each_app_shows_its_calls_error_rate_and_p95_busiest_first()
    {
        SignInAsAdmin();
        _usage.OverviewApps.Add(new UsageOverviewApp("sbx_busy", FakeUsageClient.Figures(1200, 30, p95: 84.5)));
        _usage.OverviewApps.Add(new UsageOverviewApp("live_busy", FakeUsageClient.Figures(40, 0, p95: 12)));

        var page = Render<AdminApps>();

        Assert.Equal(["Overview 24h"], _usage.Calls);
        var rows = page.FindAll("tbody tr");
        Assert.Equal(["sbx_busy", "live_busy", "sbx_quiet"], rows.Select(row => row.GetAttribute("data-client-id")));
        Assert.Equal("1,200", rows[0].QuerySelector(".usage-calls")!.TextContent);
        Assert.Equal("2.5 %", rows[0].QuerySelector(".usage-error-rate")!.TextContent);
        Assert.Equal("84.5", rows[0].QuerySelector(".usage-p95")!.TextContent);
        Assert.Equal("0", rows[2].QuerySelector(".usage-calls")!.TextContent);
        Assert.Equal("", rows[2].QuerySelector(".usage-error-rate")!.TextContent);
    }

    [Fact]
    public void Choosing_another_period_reads_the_figures_for_it()
    {
        SignInAsAdmin();
        var page = Render<AdminApps>();

        page.FindAll("[data-testid=usage-range] .mud-toggle-item").Single(item => item.TextContent.Contains("Last 30 days")).Click();

        Assert.Equal(["Overview 24h", "Overview 30d"], _usage.Calls);
    }

    [Fact]
    public void The_apps_are_listed_when_usage_cannot_be_read()
    {
        SignInAsAdmin();
        _usage.OverviewAnswer = new ApiResult<UsageOverview>.Failed("We could not reach the usage service. Try again in a moment.");

        var page = Render<AdminApps>();

        Assert.Equal(3, page.FindAll("tbody tr").Count);
        Assert.Contains("could not reach the usage service", page.Find(".usage-error").TextContent);
        Assert.All(page.FindAll(".usage-calls"), cell => Assert.Equal("", cell.TextContent));
    }

    [Fact]
    public void A_developer_who_is_not_an_admin_sees_neither_apps_nor_usage()
    {
        Authorization.SetAuthorized("Brian Developer");

        var page = Render<AdminApps>();

        Assert.NotNull(page.Find("[data-testid=admins-only]"));
        Assert.Empty(_usage.Calls);
    }
}
