using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Wekeza.Portal.Components.Pages.Apps;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Tests.Apps;
using Wekeza.Portal.Usage;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Portal.Tests.Usage;

public sealed class AppUsageTests : PortalTestContext
{
    private readonly FakeUsageClient _usage = new();

    public AppUsageTests()
    {
        SignInAsDeveloper();
        Services.AddSingleton<IUsageClient>(_usage);
        AppsApi.Apps.Add(FakeAppsClient.App());
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<AppUsage> RenderPage(string id = "app_1") => Render<AppUsage>(parameters => parameters.Add(p => p.Id, id));

    [Fact]
    public void The_apps_page_links_to_its_usage()
    {
        var page = Render<AppDetail>(parameters => parameters.Add(p => p.Id, "app_1"));

        var link = page.Find("[data-testid=app-usage-link]");
        Assert.Equal("/apps/app_1/usage", link.GetAttribute("href"));
        Assert.Equal("Usage", link.TextContent.Trim());
    }

    [Fact]
    public void Shows_the_last_days_totals_charts_and_a_row_per_endpoint_for_the_apps_client_id()
    {
        var page = RenderPage();

        Assert.Equal(["Usage sbx_3f9c 24h endpoint", "Csv sbx_3f9c 24h endpoint"], _usage.Calls);
        Assert.Equal("50", page.Find("[data-testid=usage-total-calls]").TextContent.Trim());
        Assert.Equal("10 %", page.Find("[data-testid=usage-total-error-rate]").TextContent.Trim());
        Assert.Equal("12.5 ms", page.Find("[data-testid=usage-total-p50]").TextContent.Trim());
        Assert.Equal("48 ms", page.Find("[data-testid=usage-total-p95]").TextContent.Trim());
        var charts = page.FindComponents<MudChart<double>>();
        Assert.Equal(2, charts.Count);
        Assert.Equal(["Calls", "Errors"], charts[0].Instance.ChartSeries.Select(s => s.Name));
        Assert.Equal(["p50", "p95"], charts[1].Instance.ChartSeries.Select(s => s.Name));
        Assert.Equal(24, charts[0].Instance.ChartLabels.Length);
        Assert.Equal(
            [["GET", "/v1/accounts", "40", "1", "12.5", "48", "48"], ["POST", "/v1/consents", "10", "4", "80", "210", "210"]],
            page.FindAll("[data-testid=usage-table] tbody tr").Select(row => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()));
    }

    [Fact]
    public void Export_csv_is_a_download_of_the_apis_csv_for_the_chosen_period()
    {
        var page = RenderPage();

        var export = page.Find("[data-testid=usage-export-csv]");
        Assert.Equal("usage-sbx_3f9c-24h.csv", export.GetAttribute("download"));
        var href = export.GetAttribute("href")!;
        Assert.StartsWith("data:text/csv;charset=utf-8,", href, StringComparison.Ordinal);
        Assert.Equal(_usage.Csv, Uri.UnescapeDataString(href["data:text/csv;charset=utf-8,".Length..]));
    }

    [Fact]
    public async Task Choosing_another_period_reloads_the_figures_for_it()
    {
        var page = RenderPage();
        _usage.Calls.Clear();

        var range = page.FindComponent<MudToggleGroup<string>>();
        await page.InvokeAsync(() => range.Instance.ValueChanged.InvokeAsync("1h"));

        Assert.Equal(["Usage sbx_3f9c 1h endpoint", "Csv sbx_3f9c 1h endpoint"], _usage.Calls);
        Assert.Equal("usage-sbx_3f9c-1h.csv", page.Find("[data-testid=usage-export-csv]").GetAttribute("download"));
    }

    [Fact]
    public async Task Grouped_by_status_the_table_shows_the_status_column()
    {
        _usage.Report = (clientId, range) => FakeUsageClient.Sample(clientId, range) with
        {
            Groups = [new UsageGroup(null, null, 200, FakeUsageClient.Figures(45, 0)), new UsageGroup(null, null, 404, FakeUsageClient.Figures(5, 5))],
        };
        var page = RenderPage();

        var select = page.FindComponent<MudSelect<string>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("status"));

        Assert.Contains("Usage sbx_3f9c 24h status", _usage.Calls);
        Assert.Equal(["Status", "Calls", "Errors", "p50 (ms)", "p95 (ms)", "Max (ms)"],
            page.FindAll("[data-testid=usage-table] thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["200", "404"], page.FindAll("[data-testid=usage-table] tbody tr").Select(row => row.QuerySelector("td")!.TextContent.Trim()));
    }

    [Fact]
    public void No_calls_yet_says_so()
    {
        _usage.Report = (clientId, range) => FakeUsageClient.Sample(clientId, range) with { Totals = FakeUsageClient.Figures(0, 0, null, null), Groups = [] };

        var page = RenderPage();

        Assert.Contains("No calls in this period yet", page.Find("[data-testid=usage-empty]").TextContent);
        Assert.Equal("– ms", page.Find("[data-testid=usage-total-p95]").TextContent.Trim());
    }

    [Fact]
    public void Someone_elses_app_is_not_found_and_its_usage_never_asked_for()
    {
        var page = RenderPage("app_nope");

        Assert.Contains("We couldn't find that app", page.Find(".app-not-found h1").TextContent);
        Assert.Empty(_usage.Calls);
    }

    [Fact]
    public void A_usage_service_outage_is_a_message_not_a_broken_page()
    {
        _usage.Answer = new ApiResult<UsageReport>.Failed("We could not reach the usage service. Try again in a moment.");

        var page = RenderPage();

        Assert.Contains("We could not reach the usage service", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=usage-table]"));
    }
}
