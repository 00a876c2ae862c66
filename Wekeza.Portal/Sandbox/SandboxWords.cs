using System.Globalization;

namespace Wekeza.Portal.Sandbox;

/// <summary>Sandbox terms in the words a developer reads.</summary>
public static class SandboxWords
{
    /// <summary>To the second: the clock moves by seconds.</summary>
    public static string Moment(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMM yyyy, HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"1 day, 1 hour": the two largest non-zero units; "0 seconds" for none.</summary>
    public static string Duration(long seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        var parts = new[] { (span.Days, "day"), (span.Hours, "hour"), (span.Minutes, "minute"), (span.Seconds, "second") }
            .Where(part => part.Item1 > 0).Take(2).Select(part => Count(part.Item1, part.Item2)).ToList();
        return parts.Count == 0 ? "0 seconds" : string.Join(", ", parts);
    }

    /// <summary>How far the app's clock is ahead of real time.</summary>
    public static string Offset(long offsetSeconds) =>
        offsetSeconds <= 0 ? "On real time" : $"{Duration(offsetSeconds)} ahead of real time";

    /// <summary>An API amount ("98250.00") with its currency and thousands separators; shown as it came if it does not parse.</summary>
    public static string Money(string amount, string currency) =>
        decimal.TryParse(amount, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? $"{currency} {value.ToString("N2", CultureInfo.InvariantCulture)}"
            : $"{currency} {amount}";

    public static string Count(long count, string singular, string? plural = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";
}
