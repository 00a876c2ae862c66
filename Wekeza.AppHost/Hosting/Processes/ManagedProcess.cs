using System.Diagnostics;

namespace Wekeza.AppHost.Hosting.Processes;

/// <summary>
/// One child process in its own session (so Ctrl+C reaches only the AppHost, which then stops children in order),
/// whose whole process group is signalled on stop: PostgreSQL's backends and Erlang's helpers go with their parent.
/// </summary>
public sealed class ManagedProcess
{
    private readonly Process _process;
    private readonly DeadMansSwitch _switch;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ManagedProcess(Process process, LogSink log, DeadMansSwitch deadMansSwitch, string description)
    {
        _process = process;
        _switch = deadMansSwitch;
        Log = log;
        Description = description;
        Id = process.Id;
        _process.OutputDataReceived += (_, e) => Log.Write(e.Data);
        _process.ErrorDataReceived += (_, e) => Log.Write(e.Data);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => OnExited();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (_process.HasExited)
        {
            OnExited();
        }
    }

    /// <summary>The process id, which is also its process-group id.</summary>
    public int Id { get; }

    public string Description { get; }

    public LogSink Log { get; }

    public bool StopRequested { get; private set; }

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    public async Task StopAsync(TimeSpan timeout)
    {
        StopRequested = true;
        if (!HasExited)
        {
            Native.SignalGroup(Id, Native.SIGTERM);
            if (await Task.WhenAny(Exited, Task.Delay(timeout)) != Exited)
            {
                Log.Write($"[apphost] did not stop within {timeout.TotalSeconds:0} s; killing it");
                Native.SignalGroup(Id, Native.SIGKILL);
                await Exited.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        // Anything the leader left behind in its group (a backend, a helper) goes too.
        if (Native.GroupExists(Id))
        {
            Native.SignalGroup(Id, Native.SIGKILL);
        }

        _switch.Forget(Id);
    }

    private void OnExited()
    {
        int code;
        try
        {
            // Waiting once more makes sure the asynchronous output readers have drained.
            _process.WaitForExit();
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            code = -1;
        }

        _exited.TrySetResult(code);
    }
}
