using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Wekeza.Portal.Components.Pages.Admin;
using Wekeza.Portal.SystemStatus;

namespace Wekeza.Portal.Tests.Components.Pages.Admin;

public sealed class SystemStatusTests : PortalTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 18, 30, 0, TimeSpan.Zero);
    private readonly FakeSource _source = new();

    public SystemStatusTests()
    {
        Services.AddSingleton<ISystemStatusSource>(_source);
        Render<MudPopoverProvider>();
    }

    [Fact]
    public void All_well_says_so_and_shows_each_service_target_and_figure()
    {
        SignInAsAdmin();
        _source.Report = Report(
            [Service("auth"), Service("api"), Service("api-2"), Service("portal")],
            [new ScrapeTarget("api", "localhost:7102", true, Now, null), new ScrapeTarget("api", "localhost:7112", true, Now, null)],
            []);

        var page = Render<SystemStatusPage>();

        Assert.Contains("Every service is healthy and no alert is firing.", page.Find("[data-testid=status-summary]").TextContent);
        Assert.Equal(["auth", "api", "api-2", "portal"], page.FindAll("tr[data-service]").Select(row => row.GetAttribute("data-service")));
        Assert.Equal("up", page.Find("tr[data-instance='localhost:7112'] .target-state").TextContent);
        Assert.Equal("42 req/s", page.Find("[data-figure='API requests'] .figure-value").TextContent);
        Assert.NotNull(page.Find("[data-testid=no-alerts]"));
    }

    [Fact]
    public void A_service_down_and_a_firing_alert_are_named_in_the_summary_with_what_is_wrong()
    {
        SignInAsAdmin();
        _source.Report = Report(
            [Service("auth"), new ServiceHealth("api", "https://localhost:7102/", "Unhealthy", [new("bankdb", "Unhealthy", "Connection refused")])],
            [new ScrapeTarget("workers", "localhost:7103", false, Now, "connection refused")],
            [new ActiveAlert("WekezaServiceDown", "firing", "critical", "workers (localhost:7103) is down", new Dictionary<string, string>(), Now.AddMinutes(-3))]);

        var page = Render<SystemStatusPage>();

        Assert.Contains("Not healthy: api. 1 alert firing.", page.Find("[data-testid=status-summary]").TextContent);
        Assert.Contains("bankdb: Unhealthy (Connection refused)", page.Find("tr[data-service='api'] .service-checks").TextContent);
        Assert.Equal("down", page.Find("tr[data-instance='localhost:7103'] .target-state").TextContent);
        Assert.Equal("workers (localhost:7103) is down", page.Find("tr[data-alert='WekezaServiceDown'] .alert-summary").TextContent);
    }

    [Fact]
    public void Prometheus_unreachable_still_shows_the_services_health_and_says_why_figures_are_missing()
    {
        SignInAsAdmin();
        _source.Report = Report([Service("auth")], [], [], prometheusError: "Prometheus at http://127.0.0.1:19090/ did not answer: Connection refused");

        var page = Render<SystemStatusPage>();

        Assert.Contains("Connection refused", page.Find(".prometheus-error").TextContent);
        Assert.Contains("Prometheus cannot be read.", page.Find("[data-testid=status-summary]").TextContent);
        Assert.Single(page.FindAll("tr[data-service]"));
        Assert.Empty(page.FindAll(".status-figures"));
    }

    [Fact]
    public void Refresh_reads_again()
    {
        SignInAsAdmin();
        _source.Report = Report([Service("auth")], [], []);
        var page = Render<SystemStatusPage>();

        page.Find("[data-testid=status-refresh]").Click();

        Assert.Equal(2, _source.Reads);
    }

    [Fact]
    public void A_developer_who_is_not_an_admin_reads_nothing()
    {
        Authorization.SetAuthorized("Brian Developer");

        var page = Render<SystemStatusPage>();

        Assert.NotNull(page.Find("[data-testid=admins-only]"));
        Assert.Equal(0, _source.Reads);
    }

    private static ServiceHealth Service(string name) => new(name, $"https://localhost/{name}", "Healthy", []);

    private static SystemStatusReport Report(IReadOnlyList<ServiceHealth> services, IReadOnlyList<ScrapeTarget> targets, IReadOnlyList<ActiveAlert> alerts, string? prometheusError = null) =>
        new(Now, services, targets, prometheusError is null ? [new KeyFigure("API requests", "42 req/s", "sum(job:http_requests:rate5m{job=\"api\"})")] : [], alerts, prometheusError);

    private sealed class FakeSource : ISystemStatusSource
    {
        public SystemStatusReport? Report { get; set; }

        public int Reads { get; private set; }

        public Task<SystemStatusReport> ReadAsync(CancellationToken cancellationToken = default)
        {
            Reads++;
            return Task.FromResult(Report!);
        }
    }
}
