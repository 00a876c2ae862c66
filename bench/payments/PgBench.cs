using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Wekeza.Bench;

internal sealed record PgBenchResult(double Tps, double? LatencyMs, long? Transactions, TimeSpan InitTook);

/// <summary>
/// The ceiling: pgbench's TPC-B-like transaction (three updates, a select and an insert, one commit) on the stack's own
/// PostgreSQL, in a database of its own (<c>pgbench</c>, scale 10 = a million accounts, rebuilt by every run's
/// <c>pgbench -i</c>), with the same server settings the payments ran under.
/// </summary>
internal static partial class PgBench
{
    public const string Database = "pgbench";
    public const int Scale = 10;
    public const int Clients = 8;
    public const int Threads = 2;
    public const int Seconds = 30;

    public static string Describe => $"pgbench -c {Clients} -j {Threads} -T {Seconds}, scale {Scale}";

    /// <summary>The given binary, else the one the brief names, else any installed PostgreSQL's.</summary>
    public static string Find(string? given)
    {
        var candidates = given is not null
            ? [given]
            : new[] { "/usr/lib/postgresql/15/bin/pgbench" }.Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.EnumerateDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", "pgbench"))
                : []);
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new BenchException($"No pgbench at {string.Join(", ", candidates)}: install postgresql-contrib, pass --pgbench PATH, or --skip-pgbench.");
    }

    /// <summary>Version and the durability settings: a TPS figure means little without them.</summary>
    public static async Task<string> ServerSettingsAsync(string bankDb)
    {
        await using var connection = new NpgsqlConnection(bankDb);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), "
            + "current_setting('full_page_writes'), current_setting('shared_buffers'), current_setting('max_connections')", connection);
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"PostgreSQL {reader.GetString(0)}: fsync {reader.GetString(1)}, synchronous_commit {reader.GetString(2)}, "
            + $"full_page_writes {reader.GetString(3)}, shared_buffers {reader.GetString(4)}, max_connections {reader.GetString(5)}";
    }

    public static async Task<PgBenchResult> RunAsync(string bankDb, string binary)
    {
        var server = new NpgsqlConnectionStringBuilder(bankDb);
        await EnsureDatabaseAsync(server);

        var clock = Stopwatch.StartNew();
        Console.WriteLine($"pgbench -i -s {Scale} {Database} (drops and rebuilds its tables)…");
        await RunAsync(binary, server, ["-i", "-s", Scale.ToString(CultureInfo.InvariantCulture), "-q"], echo: false);
        var initTook = clock.Elapsed;

        Console.WriteLine($"{Describe} ({initTook.TotalSeconds:0.0} s to initialise)…");
        var output = await RunAsync(binary, server,
            ["-c", Clients.ToString(CultureInfo.InvariantCulture), "-j", Threads.ToString(CultureInfo.InvariantCulture), "-T", Seconds.ToString(CultureInfo.InvariantCulture)],
            echo: true);

        var tps = TpsLine().Match(output);
        if (!tps.Success)
        {
            throw new BenchException($"pgbench printed no TPS:\n{output}");
        }

        return new PgBenchResult(
            Number(tps.Groups[1].Value),
            LatencyLine().Match(output) is { Success: true } latency ? Number(latency.Groups[1].Value) : null,
            TransactionsLine().Match(output) is { Success: true } count ? long.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            initTook);
    }

    private static async Task EnsureDatabaseAsync(NpgsqlConnectionStringBuilder server)
    {
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{Database}'", connection);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await create.ExecuteNonQueryAsync();
            Console.WriteLine($"Created database {Database} on {server.Host}:{server.Port}");
        }
    }

    /// <summary>pgbench against the stack's server; its password through PGPASSWORD, never on the command line.</summary>
    private static async Task<string> RunAsync(string binary, NpgsqlConnectionStringBuilder server, string[] arguments, bool echo)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["PGPASSWORD"] = server.Password, ["PGCONNECT_TIMEOUT"] = "10" },
        };
        foreach (var argument in (string[])["-h", server.Host!, "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", server.Username!, .. arguments, Database])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new BenchException($"Could not start {binary}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new BenchException($"{Path.GetFileName(binary)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
        }

        if (echo)
        {
            foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Console.WriteLine("  " + line);
            }
        }

        return output;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyLine();

    [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
    private static partial Regex TransactionsLine();
}
