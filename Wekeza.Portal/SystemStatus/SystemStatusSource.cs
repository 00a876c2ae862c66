using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Wekeza.Portal.SystemStatus;

/// <summary>
/// Asks each service replica's <c>/health</c> (addresses from service discovery configuration, every replica), runs
/// the portal's own checks in process, and reads targets, key figures and alerts from Prometheus' HTTP API
/// (<c>services:prometheus:http:0</c>). Nothing here throws for a service that is down: that is what it reports.
/// </summary>
internal sealed partial class SystemStatusSource(
    IHttpClientFactory clients, IConfiguration configuration, HealthCheckService ownHealth, TimeProvider clock, ILogger<SystemStatusSource> logger)
    : ISystemStatusSource
{
    public const string HttpClientName = "system-status";

    /// <summary>The services whose health the portal asks directly, in the order shown.</summary>
    private static readonly string[] Services = [ResourceNames.Auth, ResourceNames.Api, ResourceNames.Workers];

    /// <summary>
    /// The key figures, from the recording rules in observability/prometheus/rules (docs/observability.md). Every
    /// workers replica reads the same backlog gauges from bankdb and RabbitMQ: max, never sum, across them.
    /// </summary>
    private static readonly (string Title, string Query, Func<double, string> Format)[] FigureQueries =
    [
        ("API requests", "sum(job:http_requests:rate5m{job=\"api\"})", value => $"{value:0.##} req/s"),
        ("API 5xx share", "sum(job:http_server_errors:rate5m{job=\"api\"}) / sum(job:http_requests:rate5m{job=\"api\"})", Percent),
        ("API p95 latency", "job:http_request_duration_seconds:p95_5m{job=\"api\"}", Milliseconds),
        ("Auth p95 latency", "job:http_request_duration_seconds:p95_5m{job=\"auth\"}", Milliseconds),
        ("Tokens issued", "sum(wekeza:tokens_issued:rate5m)", value => $"{value * 60:0.#} a minute"),
        ("Token refusals", "wekeza:token_failure_ratio:rate5m", Percent),
        ("Payments in process", "max(wekeza_payments_in_process)", value => $"{value:0}"),
        ("Oldest payment in process", "max(wekeza_payments_oldest_in_process_age_seconds)", Seconds),
        ("Outbox backlog", "max(wekeza_outbox_backlog)", value => $"{value:0} messages"),
        ("Webhook attempts failing", "wekeza:webhook_attempt_failure_ratio:rate15m", Percent),
        ("Webhook delivery p95", "wekeza:webhook_delivery_lag_seconds:p95_5m", Seconds),
        ("Queued messages", "sum(max by (queue) (wekeza_queue_messages))", value => $"{value:0}"),
    ];

    public async Task<SystemStatusReport> ReadAsync(CancellationToken cancellationToken = default)
    {
        var http = clients.CreateClient(HttpClientName);
        var health = Task.WhenAll(Replicas().Select(replica => ServiceHealthAsync(http, replica.Name, replica.Address, cancellationToken)));
        var own = OwnHealthAsync(cancellationToken);

        IReadOnlyList<ScrapeTarget> targets = [];
        IReadOnlyList<KeyFigure> figures = [];
        IReadOnlyList<ActiveAlert> alerts = [];
        string? prometheusError = null;
        if (!Uri.TryCreate(configuration[$"services:{ResourceNames.Prometheus}:http:0"], UriKind.Absolute, out var prometheus))
        {
            prometheusError = "Prometheus is not configured for the portal (services:prometheus:http:0).";
        }
        else
        {
            try
            {
                targets = await TargetsAsync(http, prometheus, cancellationToken);
                figures = await Task.WhenAll(FigureQueries.Select(figure => FigureAsync(http, prometheus, figure, cancellationToken)));
                alerts = await AlertsAsync(http, prometheus, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                LogPrometheusUnavailable(logger, exception);
                prometheusError = $"Prometheus at {prometheus} did not answer: {exception.Message}";
            }
        }

        return new SystemStatusReport(clock.GetUtcNow(), [.. await health, await own], targets, figures, alerts, prometheusError);
    }

    /// <summary>Every replica of every service: <c>services:api:https:0</c>, <c>:1</c>, … named api, api-2, ….</summary>
    private IEnumerable<(string Name, Uri Address)> Replicas() =>
        from service in Services
        from entry in configuration.GetSection($"services:{service}:https").GetChildren()
        let index = int.TryParse(entry.Key, CultureInfo.InvariantCulture, out var i) ? i : -1
        where index >= 0 && Uri.TryCreate(entry.Value, UriKind.Absolute, out _)
        orderby Array.IndexOf(Services, service), index
        select (index == 0 ? service : $"{service}-{index + 1}", new Uri(entry.Value!));

    private static async Task<ServiceHealth> ServiceHealthAsync(HttpClient http, string name, Uri address, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await http.GetAsync(new Uri(address, "/health"), timeout.Token);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
            var checks = body.RootElement.TryGetProperty("checks", out var entries)
                ? entries.EnumerateObject()
                    .Select(check => new HealthCheckEntry(check.Name, check.Value.GetProperty("status").GetString() ?? "",
                        check.Value.TryGetProperty("description", out var description) ? description.GetString() : null))
                    .Where(check => check.Status != nameof(HealthStatus.Healthy))
                    .ToList()
                : [];
            return new ServiceHealth(name, address.ToString(), body.RootElement.GetProperty("status").GetString() ?? "Unhealthy", checks);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return new ServiceHealth(name, address.ToString(), "Unreachable", [new HealthCheckEntry("health", "Unreachable", exception.Message)]);
        }
    }

    private async Task<ServiceHealth> OwnHealthAsync(CancellationToken cancellationToken)
    {
        var report = await ownHealth.CheckHealthAsync(cancellationToken);
        var checks = report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy)
            .Select(entry => new HealthCheckEntry(entry.Key, entry.Value.Status.ToString(), entry.Value.Description)).ToList();
        var address = configuration["ASPNETCORE_URLS"]?.Split(';')[0] ?? "(this process)";
        return new ServiceHealth(ResourceNames.Portal, address, report.Status.ToString(), checks);
    }

    private static async Task<IReadOnlyList<ScrapeTarget>> TargetsAsync(HttpClient http, Uri prometheus, CancellationToken cancellationToken)
    {
        var data = await GetDataAsync(http, new Uri(prometheus, "/api/v1/targets?state=active"), cancellationToken);
        return [.. data.GetProperty("activeTargets").EnumerateArray()
            .Select(target => new ScrapeTarget(
                target.GetProperty("labels").GetProperty("job").GetString() ?? "",
                target.GetProperty("labels").GetProperty("instance").GetString() ?? "",
                target.GetProperty("health").GetString() == "up",
                DateTimeOffset.TryParse(target.GetProperty("lastScrape").GetString(), CultureInfo.InvariantCulture, out var at) && at.Year > 1 ? at : null,
                target.GetProperty("lastError").GetString() is { Length: > 0 } error ? error : null))
            .OrderBy(target => target.Job, StringComparer.Ordinal).ThenBy(target => target.Instance, StringComparer.Ordinal)];
    }

    private static async Task<KeyFigure> FigureAsync(HttpClient http, Uri prometheus, (string Title, string Query, Func<double, string> Format) figure, CancellationToken cancellationToken)
    {
        var data = await GetDataAsync(http, new Uri(prometheus, "/api/v1/query?query=" + Uri.EscapeDataString(figure.Query)), cancellationToken);
        var result = data.GetProperty("result").EnumerateArray().FirstOrDefault();
        var value = result.ValueKind == JsonValueKind.Object
            && double.TryParse(result.GetProperty("value")[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number)
            ? figure.Format(number)
            : "no data";
        return new KeyFigure(figure.Title, value, figure.Query);
    }

    private static async Task<IReadOnlyList<ActiveAlert>> AlertsAsync(HttpClient http, Uri prometheus, CancellationToken cancellationToken)
    {
        var data = await GetDataAsync(http, new Uri(prometheus, "/api/v1/alerts"), cancellationToken);
        return [.. data.GetProperty("alerts").EnumerateArray()
            .Select(alert =>
            {
                var labels = alert.GetProperty("labels").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString() ?? "", StringComparer.Ordinal);
                var summary = alert.GetProperty("annotations").TryGetProperty("summary", out var text) ? text.GetString() ?? "" : "";
                return new ActiveAlert(labels.GetValueOrDefault("alertname", ""), alert.GetProperty("state").GetString() ?? "",
                    labels.GetValueOrDefault("severity", ""), summary, labels,
                    DateTimeOffset.TryParse(alert.TryGetProperty("activeAt", out var at) ? at.GetString() : null, CultureInfo.InvariantCulture, out var since) ? since : null);
            })
            // Firing first, the critical before the rest, the oldest first.
            .OrderBy(alert => alert.State == "firing" ? 0 : 1).ThenBy(alert => alert.Severity == "critical" ? 0 : 1).ThenBy(alert => alert.ActiveAt)];
    }

    private static async Task<JsonElement> GetDataAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        using var response = await http.GetAsync(uri, timeout.Token);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
        return document.RootElement.GetProperty("data").Clone();
    }

    private static string Percent(double ratio) => $"{ratio * 100:0.##} %";

    private static string Milliseconds(double seconds) => $"{seconds * 1000:0} ms";

    private static string Seconds(double seconds) => seconds < 120 ? $"{seconds:0.#} s" : $"{seconds / 60:0} min";

    [LoggerMessage(LogLevel.Warning, "The System status page could not read Prometheus")]
    private static partial void LogPrometheusUnavailable(ILogger logger, Exception exception);
}
