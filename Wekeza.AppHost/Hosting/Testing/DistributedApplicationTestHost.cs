using System.Reflection;
using Wekeza.AppHost.Hosting.Resources;

namespace Wekeza.AppHost.Hosting.Testing;

/// <summary>
/// Starts the app model by running the AppHost's own Program.cs (the same code path as <c>dotnet run</c>), on free
/// ports and a throwaway data folder, and hands back the running application — what Aspire.Hosting.Testing's
/// <c>DistributedApplicationTestingBuilder</c> does.
/// </summary>
public sealed class DistributedApplicationTestHost : IAsyncDisposable
{
    private readonly Task _run;

    private DistributedApplicationTestHost(DistributedApplication application, Task run, string dataDirectory)
    {
        Application = application;
        _run = run;
        DataDirectory = dataDirectory;
    }

    public DistributedApplication Application { get; }

    public string DataDirectory { get; }

    public static async Task<DistributedApplicationTestHost> StartAsync(TimeSpan timeout, params string[] extraArguments)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "wekeza-test-" + Guid.NewGuid().ToString("N")[..10]);
        string[] arguments =
        [
            $"--AppHost:DataDirectory={dataDirectory}",
            "--AppHost:DynamicPorts=true",
            "--AppHost:Quiet=true",
            "--AppHost:Durable=false",
            .. extraArguments,
        ];

        var entryPoint = typeof(DistributedApplication).Assembly.EntryPoint
            ?? throw new InvalidOperationException("Wekeza.AppHost has no entry point.");
        var started = new TaskCompletionSource<DistributedApplication>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnStarted(DistributedApplication app) => started.TrySetResult(app);
        DistributedApplication.Started += OnStarted;
        try
        {
            var run = Task.Factory.StartNew(() => Invoke(entryPoint, arguments), TaskCreationOptions.LongRunning);
            var first = await Task.WhenAny(started.Task, run, Task.Delay(timeout));
            if (first == run)
            {
                await run;
                throw new InvalidOperationException($"The AppHost exited before it had started; see {Path.Combine(dataDirectory, "logs")}.");
            }

            if (first != started.Task)
            {
                throw new TimeoutException($"The app model did not start within {timeout.TotalSeconds:0} s; see {Path.Combine(dataDirectory, "logs")}.");
            }

            var host = new DistributedApplicationTestHost(started.Task.Result, run, dataDirectory);
            if (!host.Application.AllHealthy)
            {
                var report = string.Join(Environment.NewLine, host.Application.Resources
                    .Where(r => r.State is not (ResourceState.Running or ResourceState.Finished))
                    .Select(r => $"{r.Name}: {r.State} — {r.StateReason}{Environment.NewLine}{r.FailureLogTail}"));
                await host.DisposeAsync();
                throw new InvalidOperationException("The app model started with failures:" + Environment.NewLine + report);
            }

            return host;
        }
        finally
        {
            DistributedApplication.Started -= OnStarted;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Application.RequestStop();
        await _run;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A server's last file may still be closing; a stray temp folder is harmless.
        }
    }

    private static void Invoke(MethodInfo entryPoint, string[] arguments)
    {
        var result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [arguments]);
        if (result is Task task)
        {
            task.GetAwaiter().GetResult();
        }
    }
}
