using System.Globalization;

namespace Wekeza.Bench;

/// <summary><c>--name value</c> pairs and <c>--flag</c>s; unknown names are an error, so a typo never runs silently.</summary>
internal sealed class BenchOptions
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    public BenchOptions(string[] args, IReadOnlyCollection<string> known)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new BenchException($"Unexpected argument '{args[i]}'; options look like --name value.");
            }

            var name = args[i][2..];
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new BenchException($"Unknown option --{name}. Known: {string.Join(", ", known.Select(k => "--" + k))}.");
            }

            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            _values[name] = hasValue ? args[++i] : null;
        }
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public int GetInt(string name, int fallback) =>
        Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public TimeSpan GetSeconds(string name, double fallback) =>
        TimeSpan.FromSeconds(Get(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback);
}
