using System.Globalization;

namespace Wekeza.Tests;

/// <summary>Reads samples out of a Prometheus text exposition (what a service's <c>/metrics</c> answers).</summary>
public static class PrometheusText
{
    /// <summary>
    /// The sum of the samples named exactly <paramref name="name"/> that carry every label in <paramref name="labels"/>
    /// (other labels, such as the exporter's scope, are allowed); null when there is none.
    /// </summary>
    public static double? Value(string exposition, string name, params (string Label, string Value)[] labels)
    {
        double? sum = null;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length
                || line[name.Length] is not ('{' or ' '))
            {
                continue;
            }

            var labelEnd = line[name.Length] == '{' ? line.IndexOf('}', name.Length) : name.Length - 1;
            var labelText = line[name.Length..(labelEnd + 1)];
            if (!labels.All(label => labelText.Contains($"{label.Label}=\"{label.Value}\"", StringComparison.Ordinal)))
            {
                continue;
            }

            var value = line[(labelEnd + 1)..].Trim().Split(' ')[0];
            sum = (sum ?? 0) + double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    /// <summary>Whether any sample (or metadata line) names <paramref name="name"/>.</summary>
    public static bool Has(string exposition, string name) =>
        exposition.Split('\n').Any(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal));
}
