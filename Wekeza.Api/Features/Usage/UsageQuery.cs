namespace Wekeza.Api.Features.Usage;

/// <summary>The ranges the usage API answers, each with its bucket size: an hour by minute, a day by hour, 30 days by day.</summary>
internal sealed record UsageRange(string Name, TimeSpan Bucket, int Buckets, string BucketName)
{
    public static readonly UsageRange Hour = new("1h", TimeSpan.FromMinutes(1), 60, "minute");
    public static readonly UsageRange Day = new("24h", TimeSpan.FromHours(1), 24, "hour");
    public static readonly UsageRange Month = new("30d", TimeSpan.FromDays(1), 30, "day");

    public static readonly IReadOnlyList<UsageRange> All = [Hour, Day, Month];

    /// <summary>The first bucket's start: <paramref name="now"/>'s bucket, and as many before it as the range holds.</summary>
    public DateTimeOffset From(DateTimeOffset now)
    {
        var ticks = now.UtcTicks - now.UtcTicks % Bucket.Ticks;
        return new DateTimeOffset(ticks, TimeSpan.Zero) - Bucket * (Buckets - 1);
    }
}

internal enum UsageGrouping { Endpoint, Status }

/// <summary>
/// <c>range</c> (<c>1h</c>, <c>24h</c> or <c>30d</c>; default <c>24h</c>) and <c>groupBy</c> (<c>endpoint</c>,
/// <c>status</c>, or both comma-separated; default <c>endpoint</c>), checked: anything else is a 422 naming the field.
/// </summary>
internal sealed record UsageQuery(UsageRange Range, IReadOnlyList<UsageGrouping> GroupBy)
{
    public static UsageQuery? TryParse(string? range, string? groupBy, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var chosen = string.IsNullOrEmpty(range) ? UsageRange.Day : UsageRange.All.FirstOrDefault(r => r.Name == range.Trim().ToLowerInvariant());
        if (chosen is null)
        {
            errors["range"] = [$"Use one of {string.Join(", ", UsageRange.All.Select(r => r.Name))}."];
        }

        var groupings = new List<UsageGrouping>();
        foreach (var part in (string.IsNullOrWhiteSpace(groupBy) ? "endpoint" : groupBy).Split(',', StringSplitOptions.TrimEntries))
        {
            UsageGrouping? grouping = part.ToLowerInvariant() switch
            {
                "endpoint" => UsageGrouping.Endpoint,
                "status" => UsageGrouping.Status,
                _ => null,
            };
            if (grouping is null)
            {
                errors["groupBy"] = ["Use endpoint, status, or endpoint,status."];
                break;
            }

            if (!groupings.Contains(grouping.Value))
            {
                groupings.Add(grouping.Value);
            }
        }

        return errors.Count == 0 ? new UsageQuery(chosen!, groupings) : null;
    }
}
