using System.Diagnostics;

namespace Wekeza.AppHost.Hosting.Processes;

/// <summary>Starts child processes the one way the AppHost wants them: own session, optional service account, logged, watched.</summary>
public sealed class ProcessLauncher(AppHostOptions options, DeadMansSwitch deadMansSwitch, int prefixWidth)
{
    private readonly Dictionary<string, LogSink> _logs = [];
    private readonly Lock _gate = new();

    public LogSink LogFor(string resourceName)
    {
        lock (_gate)
        {
            if (!_logs.TryGetValue(resourceName, out var sink))
            {
                sink = new LogSink(resourceName, options.LogPath(resourceName), !options.Quiet, prefixWidth);
                _logs[resourceName] = sink;
            }

            return sink;
        }
    }

    /// <param name="cleanEnvironment">Servers get only what they are given; projects inherit the AppHost's environment.</param>
    public ManagedProcess Start(
        string resourceName,
        ServiceAccount account,
        string executable,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        bool cleanEnvironment)
    {
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var part in account.CommandPrefix.Append(executable).Concat(arguments))
        {
            start.ArgumentList.Add(part);
        }

        if (cleanEnvironment)
        {
            var path = start.Environment["PATH"];
            start.Environment.Clear();
            start.Environment["PATH"] = path;
            start.Environment["LANG"] = "C.UTF-8";
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = LogFor(resourceName);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {executable}.");
        deadMansSwitch.Watch(process.Id);
        // Nobody types into a server; a closed stdin also stops anything that would wait for input.
        process.StandardInput.Close();
        return new ManagedProcess(process, log, deadMansSwitch, $"{executable} {string.Join(' ', arguments)}");
    }

    public void DisposeLogs()
    {
        lock (_gate)
        {
            foreach (var sink in _logs.Values)
            {
                sink.Dispose();
            }
        }
    }
}
