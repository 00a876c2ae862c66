using System.Diagnostics;

namespace Wekeza.Tests;

/// <summary>
/// A server program a unit test runs for real (redis-server), installed from Debian's package when it is missing, as
/// the AppHost installs its servers (Wekeza.AppHost/Hosting/Prerequisites.cs, which unit-test projects cannot
/// reference): so `dotnet test Wekeza.sln` on a fresh machine needs nothing done by hand. It waits for the package
/// manager's lock, since the integration tests' AppHost may be installing at the same moment.
/// </summary>
public static class MachinePackage
{
    private static readonly string[] Directories = ["/usr/bin", "/usr/sbin", "/usr/local/bin"];

    public static string Require(string binary, string package)
    {
        if (Find(binary) is { } found)
        {
            return found;
        }

        var install = $"apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends {package}";
        if (Environment.UserName == "root" && File.Exists("/usr/bin/apt-get")
            && (Run(install) == 0 || (Run("apt-get -o DPkg::Lock::Timeout=300 update -qq") == 0 && Run(install) == 0)))
        {
            return Find(binary) ?? throw new InvalidOperationException($"{package} was installed but {binary} is not there.");
        }

        throw new InvalidOperationException($"{binary} is not installed. Run: sudo apt-get install -y {package}");
    }

    private static string? Find(string binary) =>
        Directories.Concat(Environment.GetEnvironmentVariable("PATH")?.Split(':') ?? [])
            .Select(directory => Path.Combine(directory, binary))
            .FirstOrDefault(File.Exists);

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
