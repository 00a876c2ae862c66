using System.Diagnostics;

namespace Wekeza.AppHost.Hosting.Processes;

/// <summary>
/// The system user a server runs as. PostgreSQL refuses to run as root, and no server should: when the AppHost runs
/// as root, each server runs as the user its Debian package made (postgres, redis, rabbitmq) through setpriv; when it
/// runs as anyone else, servers run as that user.
/// </summary>
public sealed record ServiceAccount(string? UserName)
{
    public static ServiceAccount Current { get; } = new((string?)null);

    public static ServiceAccount For(string systemUser) => Native.IsRoot ? new ServiceAccount(systemUser) : Current;

    public bool SwitchesUser => UserName is not null;

    /// <summary>The command prefix that drops to this account.</summary>
    public IEnumerable<string> CommandPrefix => SwitchesUser
        ? ["setpriv", $"--reuid={UserName}", $"--regid={UserName}", "--init-groups", "--"]
        : [];

    /// <summary>Makes the directory (and what is in it) belong to this account, so the server can write its data.</summary>
    public void Own(string directory)
    {
        Directory.CreateDirectory(directory);
        if (SwitchesUser)
        {
            Run("chown", "-R", $"{UserName}:{UserName}", directory);
        }
    }

    /// <summary>
    /// Fails with the fix when the account cannot reach <paramref name="directory"/>: a repository cloned under
    /// /root is not enterable by the postgres user, and PostgreSQL's own message would not say so.
    /// </summary>
    public void EnsureCanEnter(string directory)
    {
        if (!SwitchesUser)
        {
            return;
        }

        if (Run([.. CommandPrefix, "test", "-x", directory]) != 0)
        {
            var blocking = new DirectoryInfo(directory);
            while (blocking.Parent is { } parent && Run([.. CommandPrefix, "test", "-x", parent.FullName]) != 0)
            {
                blocking = parent;
            }

            throw new AppHostException(
                $"The '{UserName}' user the server runs as cannot enter {blocking.Parent?.FullName ?? blocking.FullName}. " +
                $"Clone the repository somewhere other users can enter (e.g. /srv or /opt), point the data elsewhere with " +
                $"--AppHost:DataDirectory=/var/tmp/wekeza, or run: chmod o+x {blocking.Parent?.FullName ?? blocking.FullName}");
        }
    }

    private static int Run(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
