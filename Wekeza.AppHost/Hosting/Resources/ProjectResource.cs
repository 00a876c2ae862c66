using Wekeza.AppHost.Hosting.Processes;
using Wekeza.ServiceDefaults.Tls;

namespace Wekeza.AppHost.Hosting.Resources;

/// <summary>
/// One of our .NET projects, run from its build output (the AppHost's project references build it once) with the
/// configuration Aspire would give it. With an HTTPS endpoint it is a service, ready when <c>/health</c> answers 200;
/// without one it is a one-shot job (migrations), done when it exits 0.
/// </summary>
public sealed class ProjectResource(string name, IProjectMetadata project) : Resource(name), IResourceWithServiceEndpoint
{
    private readonly List<string> _arguments = [];
    private readonly Dictionary<string, Func<ResourceContext, string>> _environment = [];
    private readonly List<Resource> _references = [];

    public override string Kind => HttpsPortDefault is null ? "job" : "project";

    public IProjectMetadata Project { get; } = project;

    internal int? HttpsPortDefault { get; set; }

    public int Port { get; private set; }

    public string Url => $"https://localhost:{Port}";

    public bool IsService => HttpsPortDefault is not null;

    public override IEnumerable<KeyValuePair<string, string>> Urls => IsService ? [new(Name, Url)] : [];

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
        if (IsService)
        {
            Port = ports.Get(Name, HttpsPortDefault!.Value);
        }
    }

    public override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        if (!File.Exists(Project.TargetPath))
        {
            throw new ResourceFailedException(
                $"{Project.TargetPath} does not exist. Build first: dotnet build {Path.GetFileName(Project.ProjectPath)}");
        }

        var process = context.Launcher.Start(Name, ServiceAccount.Current, "dotnet", [Project.TargetPath, .. _arguments],
            BuildEnvironment(context), Path.GetDirectoryName(Project.ProjectPath)!, cleanEnvironment: false);
        Processes.Add(process);

        if (!IsService)
        {
            var code = await process.Exited.WaitAsync(cancellationToken);
            if (code != 0)
            {
                throw new ResourceFailedException($"exited with code {code}", process.Log);
            }

            return;
        }

        using var http = new HttpClient(LocalCaTrust.CreateHandler(context.Certificates.CaCertificatePath)) { Timeout = TimeSpan.FromSeconds(5) };
        await Readiness.WaitAsync(process, async ct =>
        {
            using var response = await http.GetAsync($"{Url}/health", ct);
            return response.IsSuccessStatusCode;
        }, cancellationToken);
    }

    private Dictionary<string, string> BuildEnvironment(ResourceContext context)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = context.Options.Environment,
            ["ASPNETCORE_ENVIRONMENT"] = context.Options.Environment,
            ["OTEL_SERVICE_NAME"] = Name,
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
            environment["ASPNETCORE_URLS"] = Url;
            environment["Kestrel__Certificates__Default__Path"] = context.Certificates.ServerCertificatePath;
            environment["Kestrel__Certificates__Default__KeyPath"] = context.Certificates.ServerKeyPath;
        }

        foreach (var reference in _references)
        {
            if (reference is IResourceWithConnectionString withConnectionString)
            {
                environment[$"ConnectionStrings__{reference.Name}"] = withConnectionString.ConnectionString;
            }

            if (reference is IResourceWithServiceEndpoint withEndpoint)
            {
                environment[$"services__{reference.Name}__https__0"] = withEndpoint.Url;
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
