using Microsoft.Extensions.Configuration;

namespace Wekeza.AppHost.Hosting;

/// <summary>
/// How the app model runs, read from the <c>AppHost</c> configuration section (command line
/// <c>--AppHost:Fresh=true</c>, or the short flags <c>--fresh</c> and <c>--quiet</c>, or environment <c>AppHost__…</c>).
/// </summary>
public sealed class AppHostOptions
{
    /// <summary>Where data, logs, certificates and secrets live. Default: <c>.wekeza</c> at the repository root.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Delete every server's data before starting, for a clean slate.</summary>
    public bool Fresh { get; set; }

    /// <summary>Give every endpoint a free port instead of its documented default (tests, parallel stacks).</summary>
    public bool DynamicPorts { get; set; }

    /// <summary>Write resource logs only to files, not to the console.</summary>
    public bool Quiet { get; set; }

    /// <summary>
    /// Servers write durably (fsync, append-only file). Test runs on throwaway data turn this off for speed; the
    /// servers behave the same otherwise.
    /// </summary>
    public bool Durable { get; set; } = true;

    /// <summary>The environment the projects run in.</summary>
    public string Environment { get; set; } = "Development";

    /// <summary>Install missing server packages with apt-get when running as root on Debian or Ubuntu.</summary>
    public bool InstallMissing { get; set; } = true;

    /// <summary>How long a resource may take to become ready before it is reported as failed.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long a resource has to stop after SIGTERM before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Port overrides by endpoint name, e.g. <c>AppHost:Ports:api=8443</c>.</summary>
    public Dictionary<string, int> Ports { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Extra settings for a project's configuration, by resource name, applied last (over the app model's own):
    /// <c>AppHost:Settings:workers:Webhooks__Timeout=00:00:02</c> sets <c>Webhooks:Timeout</c> in the workers. Tests
    /// use it to compress schedules; a developer can use it to try a setting without editing Program.cs.
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> Settings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Replica counts by service, over the app model's own: <c>AppHost:Replicas:api=2</c> runs two api processes,
    /// each on its own port (docs/architecture.md, "Replicas").
    /// </summary>
    public Dictionary<string, int> Replicas { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string DataPath(string resourceName) => Path.Combine(DataDirectory, "data", resourceName);

    public string LogPath(string resourceName) => Path.Combine(DataDirectory, "logs", resourceName + ".log");

    public string CertificatesDirectory => Path.Combine(DataDirectory, "certs");

    public static AppHostOptions From(IConfiguration configuration)
    {
        var options = new AppHostOptions();
        configuration.GetSection("AppHost").Bind(options);
        options.Fresh |= configuration.GetValue<bool>("fresh");
        options.Quiet |= configuration.GetValue<bool>("quiet");
        options.DataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(options.DataDirectory)
            ? Path.Combine(RepositoryRoot.Find(), ".wekeza")
            : options.DataDirectory);
        return options;
    }
}
