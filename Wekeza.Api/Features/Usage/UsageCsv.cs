using System.Globalization;
using System.Text;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Api.Features.Usage;

/// <summary>
/// The usage report as CSV (RFC 4180): a header row, then one row per bucket and group with the same figures as the
/// JSON. Text cells are quoted when they need it, and a cell a spreadsheet would run as a formula is defused.
/// </summary>
internal static class UsageCsv
{
    public const string Header = "bucket_start,method,route,status,calls,errors,client_errors,server_errors,avg_ms,p50_ms,p95_ms,max_ms";

    public static string Write(IEnumerable<(DateTimeOffset Bucket, UsageGroup Group)> rows)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var (bucket, group) in rows)
        {
            var f = group.Figures;
            csv.Append(bucket.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',')
                .Append(Text(group.Method)).Append(',')
                .Append(Text(group.Route)).Append(',')
                .Append(group.Status?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(f.Calls.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(f.Errors.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(f.ClientErrors.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(f.ServerErrors.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Number(f.AvgMs)).Append(',')
                .Append(Number(f.P50Ms)).Append(',')
                .Append(Number(f.P95Ms)).Append(',')
                .Append(Number(f.MaxMs)).Append("\r\n");
        }

        return csv.ToString();
    }

    public static string FileName(string clientId, string range) =>
        $"usage-{new string([.. clientId.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')])}-{range}.csv";

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    internal static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
