using Wekeza.AppHost.Hosting.Resources;

namespace Wekeza.AppHost.Hosting;

/// <summary>
/// Starts every resource as soon as what it waits for is ready, in parallel where the graph allows; reports a
/// failure as Failed (and whatever waits on it as Blocked) instead of hanging; stops dependents before dependencies.
/// </summary>
internal sealed class Orchestrator(IReadOnlyList<Resource> resources, ResourceContext context, Action<Resource> onUnexpectedExit)
{
    public async Task StartAllAsync(CancellationToken cancellationToken)
    {
        var ready = resources.ToDictionary(r => r, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        await Task.WhenAll(resources.Select(resource => StartOneAsync(resource, ready, cancellationToken)));
    }

    private async Task StartOneAsync(Resource resource, Dictionary<Resource, TaskCompletionSource<bool>> ready, CancellationToken cancellationToken)
    {
        var succeeded = false;
        try
        {
            foreach (var (dependency, _) in resource.WaitsFor)
            {
                if (!await ready[dependency].Task)
                {
                    resource.State = ResourceState.Blocked;
                    resource.StateReason = $"waits for {dependency.Name}, which did not start";
                    return;
                }
            }

            resource.State = ResourceState.Starting;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(context.Options.StartupTimeout);
            try
            {
                await resource.StartAsync(context, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ResourceFailedException(
                    $"not ready after {context.Options.StartupTimeout.TotalSeconds:0} s",
                    resource.Processes.LastOrDefault()?.Log);
            }

            resource.State = resource is ProjectResource { IsService: false } ? ResourceState.Finished : ResourceState.Running;
            succeeded = true;
            foreach (var process in resource.Processes)
            {
                _ = WatchAsync(resource, process);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            resource.State = ResourceState.Failed;
            resource.StateReason = ex is ResourceFailedException failed
                ? failed.Message + (failed.LogPath is null ? "" : $" (log: {failed.LogPath})")
                : ex.Message;
            if (ex is ResourceFailedException { LogTail: { Length: > 0 } tail })
            {
                resource.FailureLogTail = tail;
            }
        }
        finally
        {
            ready[resource].TrySetResult(succeeded);
        }
    }

    private async Task WatchAsync(Resource resource, Processes.ManagedProcess process)
    {
        var code = await process.Exited;
        if (!process.StopRequested && resource.State == ResourceState.Running)
        {
            resource.State = ResourceState.Failed;
            resource.StateReason = $"exited unexpectedly with code {code} (log: {process.Log.FilePath})";
            resource.FailureLogTail = process.Log.Tail();
            onUnexpectedExit(resource);
        }
    }

    /// <summary>
    /// Starts one resource again (after it crashed or was stopped) with the configuration it had, and waits until it
    /// is ready: what a supervisor does for a process that died. Its dependencies are assumed to be running.
    /// </summary>
    public async Task RestartAsync(Resource resource, TimeSpan stopTimeout, CancellationToken cancellationToken)
    {
        foreach (var process in resource.Processes.Where(p => !p.HasExited).ToList())
        {
            await process.StopAsync(stopTimeout);
        }

        resource.Processes.Clear();
        resource.State = ResourceState.Starting;
        resource.StateReason = null;
        await resource.StartAsync(context, cancellationToken);
        resource.State = ResourceState.Running;
        foreach (var process in resource.Processes)
        {
            _ = WatchAsync(resource, process);
        }
    }

    /// <summary>Stops resources level by level: whatever depends on others goes first, the servers last.</summary>
    public async Task StopAllAsync(TimeSpan timeout)
    {
        foreach (var level in resources.GroupBy(Depth).OrderByDescending(g => g.Key))
        {
            await Task.WhenAll(level.Select(async resource =>
            {
                // Nothing to stop for what never started, or for a job that already ran to its end.
                if (resource.State is ResourceState.Waiting or ResourceState.Blocked or ResourceState.Finished)
                {
                    return;
                }

                var wasFailed = resource.State is ResourceState.Failed;
                resource.State = ResourceState.Stopping;
                await resource.StopAsync(timeout);
                resource.State = wasFailed ? ResourceState.Failed : ResourceState.Stopped;
            }));
        }
    }

    private static int Depth(Resource resource) =>
        resource.WaitsFor.Count == 0 ? 0 : 1 + resource.WaitsFor.Max(w => Depth(w.Resource));
}
