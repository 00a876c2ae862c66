using System.Diagnostics;
using Wekeza.AppHost.Hosting.Processes;

namespace Wekeza.AppHost.Hosting;

/// <summary>A program a resource needs, and the Debian package that provides it.</summary>
public sealed record Requirement(string Binary, string DebianPackage, params string[] SearchDirectories);

/// <summary>
/// Finds the servers' programs. What is missing is installed with apt-get when the AppHost runs as root on
/// Debian/Ubuntu (so the README's one command works on a fresh machine); otherwise the AppHost stops and prints the
/// exact command to run.
/// </summary>
public static class Prerequisites
{
    public static string? Find(Requirement requirement)
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(':') ?? [];
        return requirement.SearchDirectories
            .SelectMany(ExpandVersionedDirectory)
            .Concat(path)
            .Select(dir => Path.Combine(dir, requirement.Binary))
            .FirstOrDefault(IsProgram);
    }

    /// <summary>
    /// A file there, or a link that still leads to one. A link left behind when its package was removed (a
    /// /usr/local/bin/initdb pointing into an uninstalled PostgreSQL) counts as missing, so the package is installed.
    /// </summary>
    private static bool IsProgram(string path)
    {
        var file = new FileInfo(path);
        return file.Exists && (file.LinkTarget is null || file.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true });
    }

    public static string Require(Requirement requirement) =>
        Find(requirement) ?? throw new AppHostException(
            $"{requirement.Binary} is not installed. Run: sudo apt-get install -y {requirement.DebianPackage}");

    public static void EnsureInstalled(IEnumerable<Requirement> requirements, AppHostOptions options, Action<string> report)
    {
        var missing = requirements.Where(r => Find(r) is null).Select(r => r.DebianPackage).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        // Waits for the package manager's lock: test projects may install their own programs at the same moment.
        var command = $"apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends {string.Join(' ', missing)}";
        if (!options.InstallMissing || !Native.IsRoot || !File.Exists("/usr/bin/apt-get"))
        {
            throw new AppHostException(
                $"Missing server packages: {string.Join(", ", missing)}. Install them with:{Environment.NewLine}    sudo apt-get update && sudo {command}");
        }

        report($"Installing {string.Join(", ", missing)} with apt-get (one time)...");
        // Only the first install on a machine needs fresh package lists.
        if (Run(command) != 0 && (Run("apt-get -o DPkg::Lock::Timeout=300 update") != 0 || Run(command) != 0))
        {
            throw new AppHostException($"apt-get could not install {string.Join(", ", missing)}; run `{command}` to see why.");
        }
    }

    // "/usr/lib/postgresql/*/bin" → the newest installed version's directory.
    private static IEnumerable<string> ExpandVersionedDirectory(string pattern)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return [pattern];
        }

        var parent = pattern[..star];
        var rest = pattern[(star + 1)..].TrimStart('/');
        return Directory.Exists(parent)
            ? Directory.GetDirectories(parent)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, rest))
            : [];
    }

    private static int Run(string command)
    {
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
