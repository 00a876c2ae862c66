using Microsoft.Extensions.Logging;
using Wekeza.AppHost.Hosting.Processes;

namespace Wekeza.AppHost.Hosting.Resources;

/// <summary>
/// One box of the app model: a server or a project. It knows what it waits for, how to start, and how to tell that
/// it is ready; the <see cref="Orchestrator"/> does the rest.
/// </summary>
public abstract class Resource(string name)
{
    private readonly List<(Resource Resource, bool UntilFinished)> _waitFor = [];

    public string Name { get; } = name;

    public abstract string Kind { get; }

    public ResourceState State { get; internal set; } = ResourceState.Waiting;

    /// <summary>Why it failed or is blocked, in one line.</summary>
    public string? StateReason { get; internal set; }

    /// <summary>The last lines of its log when it failed.</summary>
    public string? FailureLogTail { get; internal set; }

    public IReadOnlyList<(Resource Resource, bool UntilFinished)> WaitsFor => _waitFor;

    /// <summary>Endpoint name → URL, as shown in the table and written to endpoints.json.</summary>
    public virtual IEnumerable<KeyValuePair<string, string>> Urls => [];

    /// <summary>The processes this resource runs (a server may need more than one).</summary>
    public List<ManagedProcess> Processes { get; } = [];

    /// <summary>Resources that are part of this one (databases of a server) and start with it.</summary>
    public virtual Resource? Parent => null;

    internal void AddWaitFor(Resource other, bool untilFinished)
    {
        if (!_waitFor.Any(w => w.Resource == other))
        {
            _waitFor.Add((other, untilFinished));
        }
    }

    /// <summary>Claims its ports before anything starts, so a conflict stops the AppHost before it has started anything.</summary>
    public virtual void AllocatePorts(PortAllocator ports)
    {
    }

    /// <summary>Start the resource's processes and return when it is ready (or throw why it cannot be).</summary>
    public abstract Task StartAsync(ResourceContext context, CancellationToken cancellationToken);

    /// <summary>Stop gracefully, then by force after the timeout.</summary>
    public virtual async Task StopAsync(TimeSpan timeout)
    {
        // Stop in reverse start order: a server's helper processes (epmd) outlive the server itself.
        foreach (var process in Enumerable.Reverse(Processes))
        {
            await process.StopAsync(timeout);
        }
    }
}

/// <summary>What a resource needs from the host while starting.</summary>
public sealed record ResourceContext(
    AppHostOptions Options,
    PortAllocator Ports,
    Secrets Secrets,
    Certificates.LocalCertificateAuthority Certificates,
    ProcessLauncher Launcher,
    ILoggerFactory LoggerFactory);
