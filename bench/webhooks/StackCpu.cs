using System.Globalization;

namespace Wekeza.Bench;

/// <summary>CPU time used so far, by process group (a process and, for PostgreSQL, its backends).</summary>
internal sealed record CpuSample(long Ticks, IReadOnlyDictionary<string, TimeSpan> ByGroup);

/// <summary>
/// CPU time by process, from /proc: the workers, PostgreSQL (the server and its backends), RabbitMQ, auth (which also
/// consumes consent.revoked) and the API, found by the ports the stack listens on, so another stack on the same machine
/// is never counted; the AppHost (it copies every service's console output into .wekeza/logs) as the workers' parent;
/// and this process (receiver and event source). Linux only; a group not found is left out.
/// </summary>
internal sealed class StackCpu
{
    // USER_HZ: 100 on every Linux architecture .NET runs on.
    private const double ClockTicksPerSecond = 100;

    private readonly List<(string Name, int Pid, bool WithChildren)> _groups = [];

    public StackCpu(IReadOnlyDictionary<string, int> ports)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var (name, port) in ports)
        {
            if (ListenerPid(port) is { } pid)
            {
                _groups.Add((name, pid, name == "postgres"));
                if (name == "workers" && Stat(pid) is { } workers)
                {
                    _groups.Add(("apphost", workers.Parent, false));
                }
            }
        }

        _groups.Add(("bench", Environment.ProcessId, false));
    }

    public IEnumerable<string> Groups => _groups.Select(g => g.Name);

    public CpuSample Sample()
    {
        var stats = Directory.EnumerateDirectories("/proc")
            .Select(dir => int.TryParse(Path.GetFileName(dir), out var pid) ? (Pid: pid, Stat: Stat(pid)) : (0, null))
            .Where(p => p.Stat is not null)
            .ToList();
        var byGroup = new Dictionary<string, TimeSpan>();
        foreach (var (name, pid, withChildren) in _groups)
        {
            byGroup[name] = TimeSpan.FromTicks(stats.Where(p => p.Pid == pid || withChildren && p.Stat!.Value.Parent == pid).Sum(p => p.Stat!.Value.Cpu.Ticks));
        }

        return new CpuSample(System.Diagnostics.Stopwatch.GetTimestamp(), byGroup);
    }

    /// <summary>/proc/[pid]/stat: the parent (field 4) and user + system time (fields 14 and 15, in clock ticks).</summary>
    private static (int Parent, TimeSpan Cpu)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may contain spaces: count fields after it.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), TimeSpan.FromSeconds(ticks / ClockTicksPerSecond));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The process with a socket listening on <paramref name="port"/>: /proc/net/tcp{,6} give the socket's inode, /proc/*/fd its owner.</summary>
    private static int? ListenerPid(int port)
    {
        var hexPort = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        var inodes = new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 9 && f[1].EndsWith(hexPort, StringComparison.Ordinal) && f[3] == "0A")
            .Select(f => $"socket:[{f[9]}]")
            .ToHashSet();
        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (Directory.EnumerateFiles(Path.Combine(dir, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target)))
                {
                    return pid;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A process that exited meanwhile, or one we may not look into.
            }
        }

        return null;
    }
}
