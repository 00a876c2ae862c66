using Wekeza.Banking.Usage;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Api.Features.Usage;

/// <summary>A rollup aggregate as read from <c>api_usage_minutes</c>: one bucket of the range, one endpoint, one status.</summary>
internal sealed record UsageRow(DateTimeOffset Bucket, string Method, string Route, int Status, long Calls, double TotalMs, double MaxMs, long[] Buckets);

/// <summary>Adds rows up: counts and durations add, the maximum is kept, histograms merge bucket by bucket.</summary>
internal sealed class UsageTally
{
    private readonly long[] _buckets = new long[LatencyBuckets.Count];
    private long _calls, _clientErrors, _serverErrors;
    private double _totalMs, _maxMs;

    public UsageTally Add(UsageRow row)
    {
        _calls += row.Calls;
        if (row.Status is >= 400 and < 500)
        {
            _clientErrors += row.Calls;
        }
        else if (row.Status >= 500)
        {
            _serverErrors += row.Calls;
        }

        _totalMs += row.TotalMs;
        _maxMs = Math.Max(_maxMs, row.MaxMs);
        LatencyBuckets.Merge(_buckets, row.Buckets);
        return this;
    }

    public UsageFigures Figures() => new(
        _calls, _clientErrors + _serverErrors, _clientErrors, _serverErrors,
        _calls == 0 ? 0 : Math.Round((decimal)(_clientErrors + _serverErrors) / _calls, 4),
        _calls == 0 ? null : Math.Round(_totalMs / _calls, 1),
        LatencyBuckets.Percentile(_buckets, 0.50, _maxMs),
        LatencyBuckets.Percentile(_buckets, 0.95, _maxMs),
        _calls == 0 ? null : Math.Round(_maxMs, 1));

    public static UsageReport Report(string clientId, UsageQuery query, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<UsageRow> rows)
    {
        var totals = new UsageTally();
        var points = new SortedDictionary<DateTimeOffset, UsageTally>();
        for (var i = 0; i < query.Range.Buckets; i++)
        {
            points[from + query.Range.Bucket * i] = new UsageTally();
        }

        foreach (var row in rows)
        {
            totals.Add(row);
            if (points.TryGetValue(row.Bucket, out var point))
            {
                point.Add(row);
            }
        }

        var groups = rows.GroupBy(row => KeyOf(row, query.GroupBy))
            .Select(group => (group.Key, Tally: group.Aggregate(new UsageTally(), (tally, row) => tally.Add(row))))
            .OrderByDescending(group => group.Tally._calls).ThenBy(group => group.Key.Route, StringComparer.Ordinal)
            .ThenBy(group => group.Key.Method, StringComparer.Ordinal).ThenBy(group => group.Key.Status)
            .Select(group => new UsageGroup(group.Key.Method, group.Key.Route, group.Key.Status, group.Tally.Figures()))
            .ToList();

        return new UsageReport(clientId, query.Range.Name, query.Range.BucketName, from, to, totals.Figures(),
            [.. points.Select(point => new UsagePoint(point.Key, point.Value.Figures()))], groups);
    }

    /// <summary>Rows per bucket and group, for the CSV: the table's rows spread over the range's buckets.</summary>
    public static IEnumerable<(DateTimeOffset Bucket, UsageGroup Group)> ByBucket(UsageQuery query, IReadOnlyList<UsageRow> rows) =>
        rows.GroupBy(row => (row.Bucket, Key: KeyOf(row, query.GroupBy)))
            .OrderBy(group => group.Key.Bucket).ThenBy(group => group.Key.Key.Route, StringComparer.Ordinal)
            .ThenBy(group => group.Key.Key.Method, StringComparer.Ordinal).ThenBy(group => group.Key.Key.Status)
            .Select(group => (group.Key.Bucket, new UsageGroup(group.Key.Key.Method, group.Key.Key.Route, group.Key.Key.Status,
                group.Aggregate(new UsageTally(), (tally, row) => tally.Add(row)).Figures())));

    private static (string? Method, string? Route, int? Status) KeyOf(UsageRow row, IReadOnlyList<UsageGrouping> groupBy) => (
        groupBy.Contains(UsageGrouping.Endpoint) ? row.Method : null,
        groupBy.Contains(UsageGrouping.Endpoint) ? row.Route : null,
        groupBy.Contains(UsageGrouping.Status) ? row.Status : null);
}
