using Wekeza.AppHost.Hosting.Processes;
using Wekeza.ServiceDefaults.Tls;

namespace Wekeza.AppHost.Hosting.Resources;

/// <summary>
/// One of our .NET projects, run from its build output (the AppHost's project references build it once) with the
/// configuration Aspire would give it. With an HTTPS endpoint it is a service, ready when <c>/health</c> answers 200;
/// without one it is a one-shot job (migrations), done when it exits 0. A service may run as several replicas, each a
/// process on its own port (the first on the documented one, the next ones 10 apart: api 7102, 7112, 7122), named
/// <c>api</c>, <c>api-2</c>, … in the status table and endpoints.json; a reference to it lists every replica
/// (<c>services__api__https__0</c>, <c>__1</c>, …), which service discovery spreads calls over.
/// </summary>
public sealed class ProjectResource(string name, IProjectMetadata project) : Resource(name), IResourceWithServiceEndpoint
{
    private readonly List<string> _arguments = [];
    private readonly Dictionary<string, Func<ResourceContext, string>> _environment = [];
    private readonly List<Resource> _references = [];

    public override string Kind => HttpsPortDefault is null ? "job" : "project";

    public IProjectMetadata Project { get; } = project;

    internal int? HttpsPortDefault { get; set; }

    private readonly List<int> _ports = [];

    /// <summary>At most nine: replica ports are 10 apart from the documented one (api 7102, 7112 … 7182).</summary>
    public const int MaxReplicas = 9;

    /// <summary>How many processes serve it (<c>AppHost:Replicas:&lt;name&gt;</c>); 1 unless said otherwise.</summary>
    public int Replicas { get; internal set; } = 1;

    /// <summary>The first replica's port.</summary>
    public int Port => _ports.Count > 0 ? _ports[0] : 0;

    /// <summary>The first replica's address: where links and single-address clients point.</summary>
    public string Url => $"https://localhost:{Port}";

    /// <summary>Every replica's address, the first first.</summary>
    public IReadOnlyList<string> ReplicaUrls => [.. _ports.Select(port => $"https://localhost:{port}")];

    public bool IsService => HttpsPortDefault is not null;

    public override IEnumerable<KeyValuePair<string, string>> Urls => IsService
        ? ReplicaUrls.Select((url, i) => new KeyValuePair<string, string>(ReplicaName(i), url))
        : [];

    /// <summary><c>api</c> for the first replica, <c>api-2</c>, <c>api-3</c>… for the others.</summary>
    public string ReplicaName(int index) => index == 0 ? Name : $"{Name}-{index + 1}";

    internal void AddArguments(IEnumerable<string> arguments) => _arguments.AddRange(arguments);

    internal void AddEnvironment(string key, Func<ResourceContext, string> value) => _environment[key] = value;

    internal void AddReference(Resource resource)
    {
        if (resource is not (IResourceWithConnectionString or IResourceWithServiceEndpoint))
        {
            throw new ArgumentException($"'{resource.Name}' offers neither a connection string nor a service endpoint.", nameof(resource));
        }

        _references.Add(resource);
    }

    public override void AllocatePorts(PortAllocator ports)
    {
        if (!IsService)
        {
            if (Replicas != 1)
            {
                throw new AppHostException($"'{Name}' is a one-shot job: it runs once, not as {Replicas} replicas.");
            }

            return;
        }

        _ports.Clear();
        for (var i = 0; i < Replicas; i++)
        {
            _ports.Add(ports.Get(ReplicaName(i), HttpsPortDefault!.Value + 10 * i));
        }
    }

    public override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        if (!File.Exists(Project.TargetPath))
        {
            throw new ResourceFailedException(
                $"{Project.TargetPath} does not exist. Build first: dotnet build {Path.GetFileName(Project.ProjectPath)}");
        }

        if (!IsService)
        {
            var job = Launch(context, replica: 0);
            var code = await job.Exited.WaitAsync(cancellationToken);
            if (code != 0)
            {
                throw new ResourceFailedException($"exited with code {code}", job.Log);
            }

            return;
        }

        // Replicas start together; the resource is ready when every one of them is.
        using var http = new HttpClient(LocalCaTrust.CreateHandler(context.Certificates.CaCertificatePath)) { Timeout = TimeSpan.FromSeconds(5) };
        await Task.WhenAll(Enumerable.Range(0, Replicas).Select(replica =>
        {
            var process = Launch(context, replica);
            var url = ReplicaUrls[replica];
            return Readiness.WaitAsync(process, async ct =>
            {
                using var response = await http.GetAsync($"{url}/health", ct);
                return response.IsSuccessStatusCode;
            }, cancellationToken);
        }));
    }

    private ManagedProcess Launch(ResourceContext context, int replica)
    {
        var process = context.Launcher.Start(ReplicaName(replica), ServiceAccount.Current, "dotnet", [Project.TargetPath, .. _arguments],
            BuildEnvironment(context, replica), Path.GetDirectoryName(Project.ProjectPath)!, cleanEnvironment: false);
        Processes.Add(process);
        return process;
    }

    private Dictionary<string, string> BuildEnvironment(ResourceContext context, int replica)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = context.Options.Environment,
            ["ASPNETCORE_ENVIRONMENT"] = context.Options.Environment,
            ["OTEL_SERVICE_NAME"] = Name,
            // Tells replicas apart in traces and metrics (service.instance.id).
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={ReplicaName(replica)}",
            ["Tls__TrustedCaPath"] = context.Certificates.CaCertificatePath,
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss ",
            // The console's colours would reach the log files as escape codes.
            ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
            ["DOTNET_NOLOGO"] = "1",
        };

        if (IsService)
        {
            environment["ASPNETCORE_URLS"] = ReplicaUrls[replica];
            environment["Kestrel__Certificates__Default__Path"] = context.Certificates.ServerCertificatePath;
            environment["Kestrel__Certificates__Default__KeyPath"] = context.Certificates.ServerKeyPath;
        }

        foreach (var reference in _references)
        {
            if (reference is IResourceWithConnectionString withConnectionString)
            {
                environment[$"ConnectionStrings__{reference.Name}"] = withConnectionString.ConnectionString;
            }

            if (reference is ProjectResource project)
            {
                for (var i = 0; i < project.ReplicaUrls.Count; i++)
                {
                    environment[$"services__{reference.Name}__https__{i}"] = project.ReplicaUrls[i];
                }
            }
            else if (reference is IResourceWithServiceEndpoint withEndpoint)
            {
                // Named by its scheme, as service discovery expects: services__prometheus__http__0.
                environment[$"services__{reference.Name}__{new Uri(withEndpoint.Url).Scheme}__0"] = withEndpoint.Url;
            }
        }

        // Evaluated now, at start: ports, secrets and certificates exist only once the host runs.
        foreach (var (key, value) in _environment)
        {
            environment[key] = value(context);
        }

        foreach (var (key, value) in context.Options.Settings.GetValueOrDefault(Name) ?? [])
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return environment;
    }
}
