using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Wekeza.IntegrationTests.Observability;

/// <summary>The stack's Prometheus: what it scrapes, the rules it evaluates, and a service going down and coming back.</summary>
public sealed class PrometheusTests(PlatformFixture platform)
{
    private static readonly string[] Services = ["auth", "api", "workers", "portal"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prometheus_scrapes_every_service_and_evaluates_the_repositorys_rules()
    {
        using var prometheus = Prometheus();

        var health = new Dictionary<string, string?>();
        await EventuallyAsync(async () =>
        {
            var targets = await GetDataAsync(prometheus, "/api/v1/targets");
            health = targets.GetProperty("activeTargets").EnumerateArray()
                .ToDictionary(t => t.GetProperty("labels").GetProperty("job").GetString()!, t => t.GetProperty("health").GetString());
            return Services.All(job => health.GetValueOrDefault(job) == "up");
        });
        Assert.Equal(Services.Order(), health.Keys.Order());

        var groups = (await GetDataAsync(prometheus, "/api/v1/rules")).GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["wekeza.alerts", "wekeza.recording"], groups.Select(g => g.GetProperty("name").GetString()).Order());
        var rules = groups.SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToList();
        Assert.Contains(rules, rule => rule.GetProperty("name").GetString() == "WekezaPaymentsStuck");
        Assert.All(rules, rule => Assert.Equal("ok", rule.GetProperty("health").GetString()));
    }

    [Fact]
    public async Task The_apis_own_traffic_reaches_prometheus_by_route_and_status()
    {
        using var prometheus = Prometheus();
        using var api = platform.CreateClient("api");
        const string query = "sum(http_server_request_duration_seconds_count{job=\"api\", http_route=\"/v1/webhook-event-types\", http_response_status_code=\"401\"}) or vector(0)";
        var before = await ScalarAsync(prometheus, query);

        for (var i = 0; i < 7; i++)
        {
            using var response = await api.GetAsync("/v1/webhook-event-types", Cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // A scrape every 5 s: the seven calls show within a few.
        await EventuallyAsync(async () => await ScalarAsync(prometheus, query) >= before + 7);
    }

    [Fact]
    public async Task A_killed_service_is_down_in_prometheus_with_its_alert_pending_and_recovers_after_a_restart()
    {
        using var prometheus = Prometheus();
        const string down = "up{job=\"portal\"}";
        await EventuallyAsync(async () => await ScalarAsync(prometheus, down) == 1);

        var portal = platform.App.GetResource("portal");
        using (var process = Process.GetProcessById(portal.Processes.Last().Id))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Cancel);
        }

        try
        {
            await EventuallyAsync(async () => await ScalarAsync(prometheus, down) == 0);
            var alert = default(JsonElement);
            await EventuallyAsync(async () =>
            {
                var alerts = (await GetDataAsync(prometheus, "/api/v1/alerts")).GetProperty("alerts").EnumerateArray().ToList();
                alert = alerts.FirstOrDefault(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "WekezaServiceDown"
                    && a.GetProperty("labels").GetProperty("job").GetString() == "portal");
                return alert.ValueKind == JsonValueKind.Object;
            });
            // Pending for its first minute (the rule's `for`), then firing: either way Prometheus has seen it.
            Assert.Contains(alert.GetProperty("state").GetString(), new[] { "pending", "firing" });
            Assert.Equal("portal (" + new Uri(platform.App.GetEndpoint("portal")).Authority + ") is down",
                alert.GetProperty("annotations").GetProperty("summary").GetString());
        }
        finally
        {
            await platform.App.RestartAsync("portal", Cancel);
        }

        await EventuallyAsync(async () => await ScalarAsync(prometheus, down) == 1);
    }

    private HttpClient Prometheus() => new() { BaseAddress = new Uri(platform.App.GetEndpoint("prometheus")), Timeout = TimeSpan.FromSeconds(10) };

    private static async Task<JsonElement> GetDataAsync(HttpClient prometheus, string path)
    {
        using var response = await prometheus.GetAsync(path, Cancel);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("success", document.RootElement.GetProperty("status").GetString());
        return document.RootElement.GetProperty("data").Clone();
    }

    /// <summary>An instant query's single value, or null when it has no result.</summary>
    private static async Task<double?> ScalarAsync(HttpClient prometheus, string query)
    {
        var data = await GetDataAsync(prometheus, "/api/v1/query?query=" + Uri.EscapeDataString(query));
        var result = data.GetProperty("result").EnumerateArray().ToList();
        return result.Count == 0 ? null : double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls until <paramref name="probe"/> holds; Prometheus scrapes and evaluates every 5 s.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> probe)
    {
        var deadline = TimeSpan.FromSeconds(30);
        var stopwatch = Stopwatch.StartNew();
        while (!await probe())
        {
            Assert.True(stopwatch.Elapsed < deadline, $"Not seen within {deadline.TotalSeconds:0} s.");
            await Task.Delay(500, Cancel);
        }
    }
}
