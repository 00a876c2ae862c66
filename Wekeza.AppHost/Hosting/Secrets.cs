using System.Security.Cryptography;
using System.Text.Json;

namespace Wekeza.AppHost.Hosting;

/// <summary>
/// Passwords the local stack makes for itself on first run and keeps in <c>.wekeza/secrets.json</c> (mode 600), so
/// data created with them stays usable next time. Nothing here is ever in source control.
/// </summary>
public sealed class Secrets(string path)
{
    private readonly Lock _gate = new();
    private Dictionary<string, string>? _values;

    public string Get(string name)
    {
        lock (_gate)
        {
            _values ??= File.Exists(path)
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
                : [];
            if (!_values.TryGetValue(name, out var value))
            {
                // URL-safe so the value can sit in a connection string or URI without escaping.
                value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                _values[name] = value;
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, JsonSerializer.Serialize(_values, new JsonSerializerOptions { WriteIndented = true }));
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return value;
        }
    }
}
