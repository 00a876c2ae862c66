using System.Diagnostics;
using System.Globalization;

namespace Wekeza.Bench;

/// <summary>CPU per request in milliseconds, by process.</summary>
internal sealed record CpuUse(double Api, double Postgres, double Bench)
{
    public static CpuUse Between(CpuSample from, CpuSample to, int requests) => new(
        (to.Api - from.Api).TotalMilliseconds / requests,
        to.PostgresSince(from).TotalMilliseconds / requests,
        (to.Bench - from.Bench).TotalMilliseconds / requests);
}

/// <summary>CPU time used so far by this process, the API's and PostgreSQL's (the server and its backends).</summary>
internal sealed record CpuSample(TimeSpan Bench, TimeSpan Api, IReadOnlyDictionary<int, TimeSpan> Postgres)
{
    /// <summary>PostgreSQL's share between two samples: backends that appeared meanwhile count from zero.</summary>
    public TimeSpan PostgresSince(CpuSample earlier) =>
        TimeSpan.FromTicks(Postgres.Sum(p => (p.Value - earlier.Postgres.GetValueOrDefault(p.Key)).Ticks));
}

/// <summary>
/// CPU time per request, by process: on a machine shared with other work, latency and throughput move with whatever
/// else runs, while the CPU a request costs each process hardly does. Linux only (/proc); the API and PostgreSQL are
/// found by the ports they listen on, so another stack on the same machine is never counted.
/// </summary>
internal sealed class CpuMeter(Process api, int postmaster)
{
    public static CpuMeter? Find(int apiPort, int postgresPort)
    {
        if (!OperatingSystem.IsLinux() || ListenerPid(apiPort) is not { } apiPid || ListenerPid(postgresPort) is not { } postgresPid)
        {
            return null;
        }

        return new CpuMeter(Process.GetProcessById(apiPid), postgresPid);
    }

    public CpuSample Sample()
    {
        api.Refresh();
        var postgres = new Dictionary<int, TimeSpan>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } stat && (pid == postmaster || stat.Parent == postmaster))
            {
                postgres[pid] = stat.Cpu;
            }
        }

        return new CpuSample(Process.GetCurrentProcess().TotalProcessorTime, api.TotalProcessorTime, postgres);
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
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    // USER_HZ: 100 on every Linux architecture .NET runs on.
    private const int ClockTicksPerSecond = 100;

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
