using Wekeza.AppHost.Hosting.Processes;

namespace Wekeza.AppHost.Hosting.Resources;

/// <summary>
/// Prometheus from the machine's Debian package, on loopback: it scrapes every service's <c>/metrics</c> over HTTPS
/// (trusting the stack's CA) and evaluates the recording and alerting rules kept in the repository
/// (<c>observability/prometheus/rules</c>). Each service is a job named after its resource, so a rule or a query says
/// <c>job="api"</c>; replicas of a service are instances of one job.
/// </summary>
public sealed class PrometheusResource(string name) : Resource(name), IResourceWithRequirements, IResourceWithServiceEndpoint
{
    public const int DefaultPort = 19090;

    /// <summary>How often every service is scraped and every rule evaluated: short, so a local stack's graphs move.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly List<ProjectResource> _targets = [];

    public override string Kind => "prometheus";

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}";

    public override IEnumerable<KeyValuePair<string, string>> Urls => [new(Name, Url)];

    public IEnumerable<Requirement> Requirements => [new("prometheus", "prometheus")];

    public IReadOnlyList<ProjectResource> Targets => _targets;

    /// <summary>The folder of rule files (<c>*.yml</c>); the repository's by default.</summary>
    public string RulesDirectory { get; set; } = Path.Combine(RepositoryRoot.Find(), "observability", "prometheus", "rules");

    internal void AddTarget(ProjectResource project)
    {
        if (!project.IsService)
        {
            throw new ArgumentException($"'{project.Name}' is a job, not a service: it has no /metrics to scrape.", nameof(project));
        }

        if (!_targets.Contains(project))
        {
            _targets.Add(project);
        }
    }

    public override void AllocatePorts(PortAllocator ports) => Port = ports.Get(Name, DefaultPort);

    public override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        var data = context.Options.DataPath(Name);
        Directory.CreateDirectory(data);
        var config = Path.Combine(data, "prometheus.yml");
        await File.WriteAllTextAsync(config, Configuration(context.Certificates.CaCertificatePath), cancellationToken);

        var server = context.Launcher.Start(Name, ServiceAccount.Current, Prerequisites.Require(Requirements.Single()),
        [
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(data, "tsdb")}",
            // A local stack keeps a few days of history; a fresh start (--fresh) deletes it with the rest.
            "--storage.tsdb.retention.time=3d",
            $"--web.listen-address=127.0.0.1:{Port}",
            "--log.level=warn",
        ], new Dictionary<string, string>(), data, cleanEnvironment: true);
        Processes.Add(server);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        await Readiness.WaitAsync(server, async ct =>
        {
            using var response = await http.GetAsync($"{Url}/-/ready", ct);
            return response.IsSuccessStatusCode;
        }, cancellationToken);
    }

    /// <summary>The scrape configuration: one job per service, HTTPS with the stack's CA, the repository's rules.</summary>
    internal string Configuration(string caCertificatePath)
    {
        var lines = new List<string>
        {
            "# Written by the AppHost at each start (Wekeza.AppHost/Hosting/Resources/PrometheusResource.cs).",
            "global:",
            $"  scrape_interval: {Interval.TotalSeconds:0}s",
            $"  evaluation_interval: {Interval.TotalSeconds:0}s",
            "  external_labels:",
            "    stack: local",
            "rule_files:",
            $"  - {Quote(Path.Combine(RulesDirectory, "*.yml"))}",
            "scrape_configs:",
        };
        foreach (var target in _targets)
        {
            var addresses = string.Join(", ", target.ReplicaUrls.Select(url => Quote(new Uri(url).Authority)));
            lines.AddRange(
            [
                $"  - job_name: {Quote(target.Name)}",
                "    scheme: https",
                "    metrics_path: /metrics",
                "    tls_config:",
                $"      ca_file: {Quote(caCertificatePath)}",
                "    static_configs:",
                $"      - targets: [{addresses}]",
            ]);
        }

        return string.Join('\n', lines) + "\n";
    }

    // YAML single-quoted scalars: only the quote itself needs escaping.
    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
