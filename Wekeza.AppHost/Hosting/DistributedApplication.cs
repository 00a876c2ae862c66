using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using Wekeza.AppHost.Hosting.Certificates;
using Wekeza.AppHost.Hosting.Processes;
using Wekeza.AppHost.Hosting.Resources;

namespace Wekeza.AppHost.Hosting;

/// <summary>
/// The running app model: starts every resource in order, shows what runs where, and stops it all on Ctrl+C or
/// SIGTERM. Tests run the very same Program.cs and receive this object through <see cref="Started"/>.
/// </summary>
public sealed class DistributedApplication
{
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private DeadMansSwitch? _deadMansSwitch;
    private ProcessLauncher? _launcher;
    private Orchestrator? _orchestrator;
    private Task? _stopTask;

    internal DistributedApplication(AppHostOptions options, IReadOnlyList<Resource> resources)
    {
        Options = options;
        Resources = resources;
    }

    /// <summary>Raised once every resource has started or failed; the test harness's way in.</summary>
    public static event Action<DistributedApplication>? Started;

    public AppHostOptions Options { get; }

    public IReadOnlyList<Resource> Resources { get; }

    public LocalCertificateAuthority? Certificates { get; private set; }

    public TimeSpan StartupDuration { get; private set; }

    public string EndpointsFile => Path.Combine(Options.DataDirectory, "endpoints.json");

    public bool AllHealthy => Resources.All(r => r.State is ResourceState.Running or ResourceState.Finished);

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args);

    public Resource GetResource(string name) =>
        Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No resource named '{name}'.", nameof(name));

    /// <summary>The URL of a resource's endpoint by name (e.g. "api", "messaging-management").</summary>
    public string GetEndpoint(string endpointName) =>
        Resources.SelectMany(r => r.Urls).FirstOrDefault(u => string.Equals(u.Key, endpointName, StringComparison.OrdinalIgnoreCase)).Value
        ?? throw new ArgumentException($"No endpoint named '{endpointName}'.", nameof(endpointName));

    public string GetConnectionString(string name) =>
        GetResource(name) is IResourceWithConnectionString resource
            ? resource.ConnectionString
            : throw new ArgumentException($"'{name}' has no connection string.", nameof(name));

    /// <summary>Runs until Ctrl+C, SIGTERM or <see cref="RequestStop"/>, then stops everything.</summary>
    public async Task RunAsync()
    {
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        try
        {
            await StartAsync(_stopping.Token);
            Started?.Invoke(this);
            await _stopRequested.Task;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Ctrl+C during start-up: fall through to a normal stop.
        }
        catch (AppHostException ex)
        {
            // Something the person at the keyboard can fix (a missing package, a busy port): say what, not where.
            StatusReport.Say("✗ " + ex.Message);
            Environment.ExitCode = 2;
            return;
        }
        finally
        {
            await StopAsync();
        }

        if (!AllHealthy && Resources.Any(r => r.State is ResourceState.Failed or ResourceState.Blocked))
        {
            Environment.ExitCode = 1;
        }
    }

    public void RequestStop()
    {
        _stopRequested.TrySetResult();
        _stopping.Cancel();
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (!OperatingSystem.IsLinux())
        {
            throw new AppHostException("Wekeza.AppHost runs the machine's own PostgreSQL, Redis and RabbitMQ and needs Linux (Debian or Ubuntu).");
        }

        Directory.CreateDirectory(Options.DataDirectory);
        if (Options.Fresh && Directory.Exists(Path.Combine(Options.DataDirectory, "data")))
        {
            StatusReport.Say($"--fresh: deleting {Path.Combine(Options.DataDirectory, "data")}");
            Directory.Delete(Path.Combine(Options.DataDirectory, "data"), recursive: true);
        }

        Prerequisites.EnsureInstalled(Resources.OfType<IResourceWithRequirements>().SelectMany(r => r.Requirements), Options, StatusReport.Say);
        Certificates = LocalCertificateAuthority.Ensure(Options.CertificatesDirectory);
        var ports = new PortAllocator(Options);
        foreach (var resource in Resources)
        {
            resource.AllocatePorts(ports);
        }

        _deadMansSwitch = new DeadMansSwitch();
        _launcher = new ProcessLauncher(Options, _deadMansSwitch, prefixWidth: Resources.Max(r => r.Name.Length));

        var context = new ResourceContext(
            Options,
            ports,
            new Secrets(Path.Combine(Options.DataDirectory, "secrets.json")),
            Certificates,
            _launcher,
            NullLoggerFactory.Instance);
        _orchestrator = new Orchestrator(Resources, context, OnUnexpectedExit);

        StatusReport.Say($"Starting {Resources.Count} resources (data: {Options.DataDirectory})...");
        await _orchestrator.StartAllAsync(cancellationToken);
        StartupDuration = clock.Elapsed;
        StatusReport.WriteEndpoints(this, EndpointsFile);
        StatusReport.PrintTable(this, context.Secrets);
    }

    public Task StopAsync() => _stopTask ??= StopCoreAsync();

    /// <summary>
    /// Stops (gracefully, if it still runs) and starts one resource again with its configuration, ready when this
    /// returns: for fault tests (a killed worker, a restarted broker) and for an operator's restart of one part.
    /// </summary>
    public Task RestartAsync(string resourceName, CancellationToken cancellationToken = default) =>
        (_orchestrator ?? throw new InvalidOperationException("Not started."))
            .RestartAsync(GetResource(resourceName), Options.StopTimeout, cancellationToken);

    private async Task StopCoreAsync()
    {
        _stopRequested.TrySetResult();
        if (_orchestrator is null)
        {
            return;
        }

        StatusReport.Say("Stopping: projects first, then servers...");
        File.Delete(EndpointsFile);
        await _orchestrator.StopAllAsync(Options.StopTimeout);
        _deadMansSwitch?.Dispose();
        _launcher?.DisposeLogs();
        StatusReport.Say("Stopped. Data is kept under " + Path.Combine(Options.DataDirectory, "data") + " (start with --fresh to discard it).");
    }

    private void OnSignal(PosixSignalContext signal)
    {
        // Handle it ourselves: the default would kill the AppHost before it stops its children in order.
        signal.Cancel = true;
        if (_stopRequested.Task.IsCompleted)
        {
            StatusReport.Say("Already stopping; resources get " + Options.StopTimeout.TotalSeconds + " s before they are killed.");
            return;
        }

        RequestStop();
    }

    private void OnUnexpectedExit(Resource resource)
    {
        if (_stopRequested.Task.IsCompleted)
        {
            return;
        }

        StatusReport.Say($"✗ {resource.Name} {resource.StateReason}");
        StatusReport.PrintTable(this, secrets: null);
    }
}
