using System.Diagnostics;

namespace Wekeza.AppHost.Hosting.Processes;

/// <summary>
/// Makes sure no server outlives the AppHost, even when the AppHost is killed with SIGKILL and gets no chance to
/// clean up. A small shell process reads the process-group ids of every child from a pipe; when the pipe closes
/// without a clean goodbye (which only happens when the AppHost died), it terminates those groups, then kills them.
/// </summary>
public sealed class DeadMansSwitch : IDisposable
{
    // Ignores Ctrl+C and SIGTERM: those are the AppHost's to handle; the switch acts only on EOF.
    private const string Script = """
        trap '' INT TERM HUP
        groups=""
        while IFS= read -r line; do
          case "$line" in
            +*) groups="$groups ${line#+}" ;;
            -*) groups=$(printf '%s\n' $groups | grep -vx -- "${line#-}" | tr '\n' ' ') ;;
            bye) exit 0 ;;
          esac
        done
        for g in $groups; do kill -TERM "-$g" 2>/dev/null; done
        for i in 1 2 3 4 5 6 7 8 9 10; do
          alive=""
          for g in $groups; do kill -0 "-$g" 2>/dev/null && alive="$alive $g"; done
          [ -z "$alive" ] && exit 0
          sleep 1
        done
        for g in $groups; do kill -KILL "-$g" 2>/dev/null; done
        """;

    private readonly Process _process;
    private readonly Lock _gate = new();
    private bool _closed;

    public DeadMansSwitch()
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start the process watchdog (sh).");
    }

    public void Watch(int processGroupId) => Send($"+{processGroupId}");

    public void Forget(int processGroupId) => Send($"-{processGroupId}");

    /// <summary>Everything stopped cleanly: tell the switch to stand down.</summary>
    public void Dispose()
    {
        Send("bye");
        lock (_gate)
        {
            _closed = true;
            _process.StandardInput.Close();
        }

        _process.WaitForExit(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private void Send(string line)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
        }
    }
}
