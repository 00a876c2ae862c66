using Wekeza.AppHost.Hosting.Resources;

namespace Wekeza.AppHost.Hosting;

/// <summary>Fluent configuration of one resource, shaped like Aspire's <c>IResourceBuilder&lt;T&gt;</c>.</summary>
public sealed class ResourceBuilder<T>(DistributedApplicationBuilder application, T resource) where T : Resource
{
    public T Resource { get; } = resource;

    public DistributedApplicationBuilder ApplicationBuilder { get; } = application;

    /// <summary>Start only once <paramref name="dependency"/> is ready (its health check passes).</summary>
    public ResourceBuilder<T> WaitFor<TOther>(ResourceBuilder<TOther> dependency) where TOther : Resource
    {
        Resource.AddWaitFor(dependency.Resource, untilFinished: false);
        return this;
    }

    /// <summary>Start only once the one-shot <paramref name="dependency"/> has run to success (exit code 0).</summary>
    public ResourceBuilder<T> WaitForCompletion(ResourceBuilder<ProjectResource> dependency)
    {
        if (dependency.Resource.IsService)
        {
            throw new InvalidOperationException($"'{dependency.Resource.Name}' is a service; it never completes. Use WaitFor.");
        }

        Resource.AddWaitFor(dependency.Resource, untilFinished: true);
        return this;
    }
}

public static class ResourceBuilderExtensions
{
    public static ResourceBuilder<PostgresDatabaseResource> AddDatabase(this ResourceBuilder<PostgresServerResource> server, string name) =>
        server.ApplicationBuilder.AddResource(new PostgresDatabaseResource(name, server.Resource));

    public static ResourceBuilder<RabbitMQResource> WithManagementPlugin(this ResourceBuilder<RabbitMQResource> builder)
    {
        builder.Resource.ManagementPlugin = true;
        return builder;
    }

    /// <summary>
    /// Scrape each service's <c>/metrics</c>. Prometheus does not wait for them: a service that never comes up is what
    /// it must report (<c>up == 0</c>, the WekezaServiceDown alert).
    /// </summary>
    public static ResourceBuilder<PrometheusResource> WithScrapeTargets(this ResourceBuilder<PrometheusResource> builder, params ResourceBuilder<ProjectResource>[] services)
    {
        foreach (var service in services)
        {
            builder.Resource.AddTarget(service.Resource);
        }

        return builder;
    }

    /// <summary>Serve HTTPS on <paramref name="port"/> (the documented default; dynamic ports and overrides replace it).</summary>
    public static ResourceBuilder<ProjectResource> WithHttpsEndpoint(this ResourceBuilder<ProjectResource> builder, int port)
    {
        builder.Resource.HttpsPortDefault = port;
        return builder;
    }

    /// <summary>Run the service as <paramref name="count"/> processes, each on its own port (as Aspire's WithReplicas).</summary>
    public static ResourceBuilder<ProjectResource> WithReplicas(this ResourceBuilder<ProjectResource> builder, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, ProjectResource.MaxReplicas);
        builder.Resource.Replicas = count;
        return builder;
    }

    public static ResourceBuilder<ProjectResource> WithArgs(this ResourceBuilder<ProjectResource> builder, params string[] arguments)
    {
        builder.Resource.AddArguments(arguments);
        return builder;
    }

    public static ResourceBuilder<ProjectResource> WithEnvironment(this ResourceBuilder<ProjectResource> builder, string key, string value)
    {
        builder.Resource.AddEnvironment(key, _ => value);
        return builder;
    }

    /// <summary>
    /// A value known only once the host runs (another project's URL, a generated secret, a file under the data
    /// folder), like Aspire's <c>WithEnvironment(callback)</c>.
    /// </summary>
    public static ResourceBuilder<ProjectResource> WithEnvironment(this ResourceBuilder<ProjectResource> builder, string key, Func<ResourceContext, string> value)
    {
        builder.Resource.AddEnvironment(key, value);
        return builder;
    }

    /// <summary>
    /// Give the project <c>ConnectionStrings:&lt;name&gt;</c> for a server or database, or
    /// <c>services:&lt;name&gt;:https:0</c> for another project. Like Aspire, a reference does not imply WaitFor.
    /// </summary>
    public static ResourceBuilder<ProjectResource> WithReference<TOther>(this ResourceBuilder<ProjectResource> builder, ResourceBuilder<TOther> other)
        where TOther : Resource
    {
        builder.Resource.AddReference(other.Resource);
        return builder;
    }
}
