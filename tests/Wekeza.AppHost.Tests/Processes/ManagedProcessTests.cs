using System.Diagnostics;
using Wekeza.AppHost.Hosting;
using Wekeza.AppHost.Hosting.Processes;

namespace Wekeza.AppHost.Tests.Processes;

public sealed class ManagedProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wekeza-process-").FullName;
    private readonly DeadMansSwitch _switch = new();

    [Fact]
    public async Task A_process_that_ignores_SIGTERM_is_killed_after_the_timeout_with_its_whole_group()
    {
        var launcher = new ProcessLauncher(new AppHostOptions { DataDirectory = _directory, Quiet = true }, _switch, 8);
        // The leader ignores SIGTERM and has a child of its own in its group, as PostgreSQL has backends.
        var process = launcher.Start("stubborn", ServiceAccount.Current, "sh",
            ["-c", "trap '' TERM; sleep 300 & echo ready; wait"], new Dictionary<string, string>(), _directory, cleanEnvironment: true);
        await WaitForLogAsync(process, "ready");

        var clock = Stopwatch.StartNew();
        await process.StopAsync(TimeSpan.FromMilliseconds(500));

        Assert.True(process.HasExited);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
        // The killed child is reaped by init a moment later; until then kill -0 still finds it.
        for (var i = 0; i < 40 && GroupAlive(process.Id); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.False(GroupAlive(process.Id), "the child in the process group must be gone too");
    }

    [Fact]
    public async Task Output_goes_to_the_resource_log_file()
    {
        var launcher = new ProcessLauncher(new AppHostOptions { DataDirectory = _directory, Quiet = true }, _switch, 8);

        var process = launcher.Start("talker", ServiceAccount.Current, "sh", ["-c", "echo hello from talker; echo oops >&2"],
            new Dictionary<string, string>(), _directory, cleanEnvironment: true);
        Assert.Equal(0, await process.Exited);
        launcher.DisposeLogs();

        var log = await File.ReadAllTextAsync(Path.Combine(_directory, "logs", "talker.log"), TestContext.Current.CancellationToken);
        Assert.Contains("hello from talker", log);
        Assert.Contains("oops", log);
    }

    public void Dispose()
    {
        _switch.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task WaitForLogAsync(ManagedProcess process, string text)
    {
        for (var i = 0; i < 100 && !process.Log.Tail().Contains(text); i++)
        {
            await Task.Delay(50);
        }
    }

    private static bool GroupAlive(int groupId)
    {
        using var check = Process.Start("sh", ["-c", $"kill -0 -{groupId} 2>/dev/null"]);
        check.WaitForExit();
        return check.ExitCode == 0;
    }
}
