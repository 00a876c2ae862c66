using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wekeza.IntegrationTests.EndToEnd;
using Wekeza.IntegrationTests.GoLive;

namespace Wekeza.IntegrationTests.Observability;

/// <summary>The administrator's System status page in a real browser, on the real stack: the truth, and a change in it.</summary>
public sealed class SystemStatusInBrowserTests(PlatformFixture platform, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_sees_every_service_healthy_and_scraped_then_the_workers_down_and_its_alert_after_a_kill()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var portal = platform.App.GetEndpoint("portal");
        var slow = new LocatorAssertionsToHaveTextOptions { Timeout = 40_000 };

        await NewcomerSteps.SignInFromHomeAsync(page, GoLiveTests.Admin, portal);
        await page.GotoAsync($"{portal}/admin/status");
        await page.Locator("main[data-interactive='true']").WaitForAsync();

        foreach (var service in new[] { "auth", "api", "workers", "portal" })
        {
            await Assertions.Expect(page.Locator($"tr[data-service='{service}'] .service-status")).ToHaveTextAsync("Healthy", slow);
        }

        var workers = new Uri(platform.App.GetEndpoint("workers")).Authority;
        await Assertions.Expect(page.Locator($"tr[data-instance='{workers}'] .target-state")).ToHaveTextAsync("up", slow);
        // The sign-in just made is auth traffic: its p95 comes from Prometheus' recording rule within a few scrapes.
        await Assertions.Expect(page.Locator("[data-figure='Auth p95 latency'] .figure-value")).ToHaveTextAsync(new Regex(@"^\d+ ms$"), slow);

        var process = platform.App.GetResource("workers").Processes.Last();
        using (var running = Process.GetProcessById(process.Id))
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync(Cancel);
        }

        try
        {
            // The page refreshes itself every 10 s: the kill shows without a reload.
            await Assertions.Expect(page.Locator("tr[data-service='workers'] .service-status")).ToHaveTextAsync("Unreachable", slow);
            await Assertions.Expect(page.Locator($"tr[data-instance='{workers}'] .target-state")).ToHaveTextAsync("down", slow);
            await Assertions.Expect(page.Locator("tr[data-alert='WekezaServiceDown'] .alert-summary")).ToContainTextAsync($"workers ({workers}) is down", new() { Timeout = 40_000 });
            await Assertions.Expect(page.Locator("[data-testid=status-summary]")).ToContainTextAsync("Not healthy: workers", new() { Timeout = 40_000 });
        }
        finally
        {
            await platform.App.RestartAsync("workers", Cancel);
        }

        await page.Locator("[data-testid=status-refresh]").ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-service='workers'] .service-status")).ToHaveTextAsync("Healthy", slow);
    }
}
