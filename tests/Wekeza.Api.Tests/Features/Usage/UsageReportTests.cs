using Wekeza.Api.Features.Usage;
using Wekeza.Banking.Usage;

namespace Wekeza.Api.Tests.Features.Usage;

public sealed class UsageReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 16, 42, 30, TimeSpan.Zero);

    private static long[] Buckets(double durationMs, long calls)
    {
        var buckets = new long[LatencyBuckets.Count];
        buckets[LatencyBuckets.IndexOf(durationMs)] = calls;
        return buckets;
    }

    private static UsageRow Row(DateTimeOffset bucket, string method, string route, int status, long calls, double ms = 12) =>
        new(bucket, method, route, status, calls, ms * calls, ms, Buckets(ms, calls));

    [Theory]
    [InlineData(null, null)]
    [InlineData("1h", "endpoint")]
    [InlineData("30D", "status")]
    [InlineData("24h", "endpoint, status")]
    public void Good_queries_parse(string? range, string? groupBy)
    {
        var query = UsageQuery.TryParse(range, groupBy, out var errors);

        Assert.NotNull(query);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("2h", null, "range")]
    [InlineData("24h", "app", "groupBy")]
    [InlineData("week", "endpoint,minute", "groupBy,range")]
    public void Bad_queries_name_each_bad_field(string range, string? groupBy, string fields)
    {
        Assert.Null(UsageQuery.TryParse(range, groupBy, out var errors));

        Assert.Equal(fields.Split(','), errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.NotEmpty(Assert.Single(messages)));
    }

    [Fact]
    public void The_ranges_end_in_the_current_bucket()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 15, 43, 0, TimeSpan.Zero), UsageRange.Hour.From(Now));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero), UsageRange.Day.From(Now));
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.Zero), UsageRange.Month.From(Now));
    }

    [Fact]
    public void A_report_has_every_bucket_totals_and_a_row_per_endpoint()
    {
        var query = UsageQuery.TryParse("1h", "endpoint", out _)!;
        var from = UsageRange.Hour.From(Now);
        var lastMinute = from.AddMinutes(59);
        UsageRow[] rows =
        [
            Row(lastMinute, "GET", "/v1/accounts", 200, 7),
            Row(lastMinute, "GET", "/v1/accounts", 403, 2),
            Row(from, "POST", "/v1/consents", 201, 1, ms: 80),
            Row(from, "POST", "/v1/consents", 503, 1, ms: 3000),
        ];

        var report = UsageTally.Report("sbx_app", query, from, Now, rows);

        Assert.Equal(60, report.Series.Count);
        Assert.Equal((11L, 3L, 2L, 1L, 2L, 0.2727m), (report.Totals.Calls, report.Totals.Errors, report.Totals.ClientErrors, report.Totals.ServerErrors,
            report.Series[0].Figures.Calls, report.Totals.ErrorRate));
        Assert.Equal((9L, 2L), (report.Series[59].Figures.Calls, report.Series[59].Figures.Errors));
        Assert.All(report.Series.Skip(1).Take(58), point => Assert.Equal((0L, (double?)null), (point.Figures.Calls, point.Figures.P50Ms)));
        Assert.Equal(["GET /v1/accounts 9", "POST /v1/consents 2"], report.Groups.Select(g => $"{g.Method} {g.Route} {g.Figures.Calls}"));
        Assert.Null(report.Groups[0].Status);
        Assert.Equal(3000, report.Groups[1].Figures.MaxMs);
    }

    [Fact]
    public void Grouped_by_endpoint_and_status_the_csv_has_a_header_and_a_row_per_bucket_and_group()
    {
        var query = UsageQuery.TryParse("1h", "endpoint,status", out _)!;
        var from = UsageRange.Hour.From(Now);
        UsageRow[] rows = [Row(from, "GET", "/v1/accounts", 200, 3), Row(from, "GET", "/v1/accounts", 404, 1), Row(from.AddMinutes(1), "GET", "/v1/accounts", 200, 2)];

        var lines = UsageCsv.Write(UsageTally.ByBucket(query, rows)).Split("\r\n");

        Assert.Equal(UsageCsv.Header, lines[0]);
        Assert.Equal("2026-11-24T15:43:00Z,GET,/v1/accounts,200,3,0,0,0,12,11,11.9,12", lines[1]);
        Assert.StartsWith("2026-11-24T15:43:00Z,GET,/v1/accounts,404,1,1,1,0,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("2026-11-24T15:44:00Z,GET,/v1/accounts,200,2,0,", lines[3], StringComparison.Ordinal);
        Assert.Equal([""], lines[4..]);
    }

    [Theory]
    [InlineData("/v1/accounts", "/v1/accounts")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    public void Csv_cells_are_quoted_and_formulas_defused(string value, string cell) => Assert.Equal(cell, UsageCsv.Text(value));

    [Fact]
    public void The_file_name_keeps_only_safe_characters() =>
        Assert.Equal("usage-sbx_abc-1h.csv", UsageCsv.FileName("sbx_abc\"\r\n/../", "1h"));
}
