using Wekeza.Portal.Platform;
using Wekeza.Portal.Usage;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Portal.Tests.Usage;

/// <summary>Answers with <see cref="Report"/> and <see cref="Csv"/>, and remembers each call as "Usage {clientId} {range} {groupBy}".</summary>
public sealed class FakeUsageClient : IUsageClient
{
    public List<string> Calls { get; } = [];

    public Func<string, string, UsageReport> Report { get; set; } = (clientId, range) => Sample(clientId, range);

    public ApiResult<UsageReport>? Answer { get; set; }

    public string Csv { get; set; } = "bucket_start,method,route,status,calls\r\n2026-11-24T16:00:00Z,GET,/v1/accounts,200,40\r\n";

    public Task<ApiResult<UsageReport>> GetAsync(string clientId, string range, string groupBy, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Usage {clientId} {range} {groupBy}");
        return Task.FromResult(Answer ?? new ApiResult<UsageReport>.Success(Report(clientId, range)));
    }

    public Task<ApiResult<string>> ExportCsvAsync(string clientId, string range, string groupBy, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Csv {clientId} {range} {groupBy}");
        return Task.FromResult<ApiResult<string>>(new ApiResult<string>.Success(Csv));
    }

    public List<UsageOverviewApp> OverviewApps { get; } = [];

    public ApiResult<UsageOverview>? OverviewAnswer { get; set; }

    public Task<ApiResult<UsageOverview>> GetOverviewAsync(string range, CancellationToken cancellationToken = default)
    {
        Calls.Add($"Overview {range}");
        var now = new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero);
        return Task.FromResult(OverviewAnswer ?? new ApiResult<UsageOverview>.Success(new UsageOverview(range, now.AddDays(-1), now, [.. OverviewApps])));
    }

    public static UsageFigures Figures(long calls, long errors, double? p50 = 12.5, double? p95 = 48) =>
        new(calls, errors, errors, 0, calls == 0 ? 0 : Math.Round((decimal)errors / calls, 4), p50, p50, p95, p95);

    public static UsageReport Sample(string clientId, string range)
    {
        var from = new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);
        return new UsageReport(clientId, range, "hour", from, from.AddHours(24), Figures(50, 5),
            [.. Enumerable.Range(0, 24).Select(i => new UsagePoint(from.AddHours(i), i == 23 ? Figures(50, 5) : Figures(0, 0, null, null)))],
            [new UsageGroup("GET", "/v1/accounts", null, Figures(40, 1)), new UsageGroup("POST", "/v1/consents", null, Figures(10, 4, 80, 210))]);
    }
}
