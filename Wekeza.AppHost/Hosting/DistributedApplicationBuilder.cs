using Microsoft.Extensions.Configuration;
using Wekeza.AppHost.Hosting.Resources;

namespace Wekeza.AppHost.Hosting;

/// <summary>Declares the app model, as Aspire's <c>IDistributedApplicationBuilder</c> does.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    internal DistributedApplicationBuilder(string[] args)
    {
        Configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(ExpandFlags(args), new Dictionary<string, string>
            {
                ["--fresh"] = "AppHost:Fresh",
                ["--quiet"] = "AppHost:Quiet",
                ["--data-dir"] = "AppHost:DataDirectory",
            })
            .Build();
        Options = AppHostOptions.From(Configuration);
    }

    public IConfiguration Configuration { get; }

    // The configuration binder needs "--fresh=true"; people type "--fresh".
    private static string[] ExpandFlags(string[] args) =>
        [.. args.Select(arg => arg is "--fresh" or "--quiet" ? arg + "=true" : arg)];

    public AppHostOptions Options { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    public ResourceBuilder<PostgresServerResource> AddPostgres(string name) => AddResource(new PostgresServerResource(name));

    public ResourceBuilder<RedisResource> AddRedis(string name) => AddResource(new RedisResource(name));

    public ResourceBuilder<RabbitMQResource> AddRabbitMQ(string name) => AddResource(new RabbitMQResource(name));

    public ResourceBuilder<PrometheusResource> AddPrometheus(string name) => AddResource(new PrometheusResource(name));

    public ResourceBuilder<ProjectResource> AddProject<TProject>(string name) where TProject : IProjectMetadata, new() =>
        AddResource(new ProjectResource(name, new TProject()));

    public ResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' is already declared.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build()
    {
        foreach (var (name, count) in Options.Replicas)
        {
            var resource = _resources.OfType<ProjectResource>().FirstOrDefault(r => r.IsService && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new AppHostException($"AppHost:Replicas:{name}: there is no service named '{name}' (services: {string.Join(", ", _resources.OfType<ProjectResource>().Where(r => r.IsService).Select(r => r.Name))}).");
            resource.Replicas = count is >= 1 and <= ProjectResource.MaxReplicas
                ? count
                : throw new AppHostException($"AppHost:Replicas:{name}={count}: a service runs as 1 to {ProjectResource.MaxReplicas} replicas.");
        }

        return new(Options, _resources);
    }
}
