using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Npgsql;
using StackExchange.Redis;
using Wekeza.AppHost.Hosting;

namespace Wekeza.IntegrationTests.AppHost;

/// <summary>
/// The README's start command as a newcomer runs it: a real AppHost process, stopped with Ctrl+C (SIGINT), started
/// again on the same data, then killed outright.
/// </summary>
public sealed partial class AppHostProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "wekeza-apphost-" + Guid.NewGuid().ToString("N")[..10]);

    [Fact]
    public async Task Ctrl_C_stops_everything_data_survives_a_restart_and_a_killed_AppHost_leaves_no_orphans()
    {
        var ct = TestContext.Current.CancellationToken;

        // Cold start: initdb, a first RabbitMQ boot, migrations.
        var (first, firstLog) = StartAppHost();
        var endpoints = await WaitUntilStartedAsync(first, firstLog, ct);
        Assert.NotEmpty(ProcessesUsingDataDirectory());
        await using (var db = await OpenBankDbAsync(endpoints, ct))
        {
            await using var create = new NpgsqlCommand("CREATE TABLE survives_restart(note text); INSERT INTO survives_restart VALUES ('kept')", db);
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var redis = await ConnectRedisAsync(endpoints))
        {
            await redis.GetDatabase().StringSetAsync("survives-restart", "kept");
        }

        Assert.Equal(0, Kill(first.Id, SIGINT));
        Assert.True(first.WaitForExit(TimeSpan.FromSeconds(90)), "the AppHost did not stop within 90 s of Ctrl+C");
        Assert.Equal(0, first.ExitCode);
        Assert.Empty(ProcessesUsingDataDirectory());
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "endpoints.json")), "a stopped stack must not advertise endpoints");

        // Warm start on the same data: what was written is still there.
        var (second, secondLog) = StartAppHost();
        endpoints = await WaitUntilStartedAsync(second, secondLog, ct);
        await using (var db = await OpenBankDbAsync(endpoints, ct))
        {
            await using var read = new NpgsqlCommand("SELECT note FROM survives_restart", db);
            Assert.Equal("kept", await read.ExecuteScalarAsync(ct));
        }

        await using (var redis = await ConnectRedisAsync(endpoints))
        {
            Assert.Equal("kept", (string?)await redis.GetDatabase().StringGetAsync("survives-restart"));
        }

        // SIGKILL gives the AppHost no chance to clean up: the dead man's switch must.
        second.Kill();
        await second.WaitForExitAsync(ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (ProcessesUsingDataDirectory().Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, ct);
        }

        Assert.Empty(ProcessesUsingDataDirectory());
    }

    public void Dispose()
    {
        foreach (var pid in ProcessesUsingDataDirectory())
        {
            Kill(pid, 9);
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private (Process Process, StringBuilder Log) StartAppHost()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(DistributedApplication).Assembly.Location, "--data-dir", _dataDirectory, "--AppHost:DynamicPorts=true", "--quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, log);
    }

    private async Task<Dictionary<string, string>> WaitUntilStartedAsync(Process process, StringBuilder log, CancellationToken ct)
    {
        var endpointsFile = Path.Combine(_dataDirectory, "endpoints.json");
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (!File.Exists(endpointsFile))
        {
            Assert.False(process.HasExited, $"the AppHost exited with {(process.HasExited ? process.ExitCode : 0)}:\n{log}");
            Assert.True(DateTime.UtcNow < deadline, $"the AppHost did not start within 4 minutes:\n{log}");
            await Task.Delay(250, ct);
        }

        // The table follows the file; wait for its last line so the figures are in the output.
        while (!log.ToString().Contains("Ctrl+C stops everything") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
        }

        var text = log.ToString();
        output.WriteLine(text);
        Assert.Contains("All 12 resources are up", text);
        return JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(endpointsFile, ct))!;
    }

    private async Task<NpgsqlConnection> OpenBankDbAsync(Dictionary<string, string> endpoints, CancellationToken ct)
    {
        var port = new Uri(endpoints["postgres"]).Port;
        var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Password={Secret("postgres-password")};Database=bankdb;Pooling=false");
        await connection.OpenAsync(ct);
        return connection;
    }

    private async Task<ConnectionMultiplexer> ConnectRedisAsync(Dictionary<string, string> endpoints) =>
        await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{new Uri(endpoints["cache"]).Port},password={Secret("cache-password")}");

    private string Secret(string name) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(_dataDirectory, "secrets.json")))![name];

    /// <summary>Every process whose command line or environment mentions this test's data folder.</summary>
    private List<int> ProcessesUsingDataDirectory()
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(_dataDirectory)
                    || File.ReadAllText(Path.Combine(dir, "environ")).Contains(_dataDirectory))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Exited while we looked, or not ours to read.
            }
        }

        return found;
    }

    private const int SIGINT = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
