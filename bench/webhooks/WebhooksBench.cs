using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Wekeza.Bench;

/// <summary>
/// Webhook deliveries per second to a local receiver, and the latency from an event's commit to the receiver's 2xx
/// (issue 6: p95 under 250 ms at 200 events/s, and 1,000 deliveries/s sustained). See bench/README.md.
/// </summary>
internal static class WebhooksBench
{
    private const string Scope = "accounts.read";
    private const double LatencyGoalMs = 250;
    private const double LatencyGoalRate = 200;
    private const double ThroughputGoal = 1000;

    public static async Task<int> Main(string[] args)
    {
        try
        {
            var options = new BenchOptions(args,
                ["rate", "duration", "warmup", "endpoints", "burst", "batch", "connections", "drain", "shared-port", "client-id", "client-secret", "auth", "api", "portal", "ca", "bankdb"]);
            var rate = double.Parse(options.Get("rate") ?? "200", CultureInfo.InvariantCulture);
            var duration = options.GetSeconds("duration", 30);
            var warmUp = options.GetSeconds("warmup", 5);
            var endpointCounts = (options.Get("endpoints") ?? "1,5").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            var burst = options.GetInt("burst", 2000);
            if (rate <= 0 || duration <= TimeSpan.Zero || endpointCounts.Length == 0 || endpointCounts.Any(n => n is < 1 or > 20) || burst < 0)
            {
                throw new BenchException("--rate and --duration must be positive, --endpoints a list of 1 to 20 (an app's limit), --burst 0 or more.");
            }

            var env = BenchEnvironment.Discover(options);
            var settings = new RunSettings(options.Get("bankdb") ?? env.ConnectionString("bankdb"), "", Math.Max(1, options.GetInt("connections", 8)),
                Math.Max(1, options.GetInt("batch", 100)), options.GetSeconds("drain", 30));
            var most = endpointCounts.Max();
            Console.WriteLine($"{Environment.ProcessorCount} cores; {await ServerSettingsAsync(settings.BankDb)}");

            await using var receiver = await Receiver.StartAsync(most, options.Has("shared-port"));
            using var http = new HttpClient(env.CreateHandler()) { Timeout = TimeSpan.FromSeconds(30) };
            var app = await SandboxApp.GetAsync(options, env, Scope);
            var endpoints = new BenchEndpoints(http, env, new ClientCredentialsGrant(env, app, Scope));
            await endpoints.CreateAsync(receiver.Urls);
            Console.WriteLine($"Receiver: {string.Join(", ", receiver.Urls)} (endpoints {string.Join(", ", endpoints.All.Select(e => e.Id))}, consent.revoked)");
            var cpu = new StackCpu(Ports(env));
            Console.WriteLine($"CPU measured for: {string.Join(", ", cpu.Groups)}");

            var scenarios = endpointCounts.Select(n => new Scenario($"{rate:0.#} events/s, {n} endpoint{(n == 1 ? "" : "s")}", n, rate, warmUp, duration)).ToList();
            if (burst > 0)
            {
                scenarios.Add(new Scenario($"Burst, {most} endpoint{(most == 1 ? "" : "s")}", most, 0, TimeSpan.Zero, TimeSpan.Zero, burst));
            }

            var run = new ScenarioRun(settings with { ClientId = app.ClientId }, receiver, endpoints, cpu);
            var reports = new List<RunReport>();
            try
            {
                foreach (var scenario in scenarios)
                {
                    reports.Add(await run.RunAsync(scenario));
                    // Let the previous run's leftovers (outcome batches, the relay's idle poll) settle.
                    await Task.Delay(TimeSpan.FromSeconds(2));
                }
            }
            finally
            {
                // Nothing listens once the bench is gone: leave the endpoints disabled, not failing.
                await endpoints.UseAsync(0);
            }

            PrintFigures(reports);
            return reports.All(r => r.Clean) ? 0 : 2;
        }
        catch (Exception ex) when (ex is BenchException or HttpRequestException or NpgsqlException or FormatException)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    private static void PrintFigures(IReadOnlyList<RunReport> reports)
    {
        static string Ms(double us) => (us / 1000).ToString(us >= 100_000 ? "0" : "0.0", CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"Figures: {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; latency from the event's commit to the receiver, ms");
        Console.WriteLine();
        Console.WriteLine("| Run | Events | Deliveries/s | p50 | p95 | p99 | max | Received | Failed / Pending | Workers CPU |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in reports)
        {
            var events = r.Scenario.IsBurst ? $"{r.Scenario.Burst:N0} at once" : $"{r.Scenario.Rate:0.#}/s offered, {r.InsertRate:N0}/s committed, {r.Scenario.Duration.TotalSeconds:0} s";
            var rate = r.Scenario.IsBurst ? $"{r.DeliveriesPerSecond:N0} (peak 1 s: {r.PeakPerSecond:N0})" : $"{r.DeliveriesPerSecond:N0}";
            var workers = r.Cpu.FirstOrDefault(c => c.Group == "workers") is { Group: not null } w ? $"{w.Cores:0.00} cores, {w.MsPerDelivery:0.00} ms/delivery" : "—";
            Console.WriteLine($"| {r.Scenario.Name} | {events} | {rate} | {Ms(r.Latency.Percentile(50))} | {Ms(r.Latency.Percentile(95))} | {Ms(r.Latency.Percentile(99))} "
                + $"| {Ms(r.Latency.Max)} | {r.Received:N0} / {r.Expected:N0} | {r.Failed} / {r.Pending} | {workers} |");
        }

        Console.WriteLine();
        foreach (var r in reports.Where(r => !r.Scenario.IsBurst && Math.Abs(r.Scenario.Rate - LatencyGoalRate) < 0.5))
        {
            var p95 = r.Latency.Percentile(95) / 1000;
            Console.WriteLine($"Goal, p95 under {LatencyGoalMs:0} ms at {LatencyGoalRate:0} events/s ({r.Scenario.Endpoints} endpoint(s)): {p95:0.0} ms, {(p95 < LatencyGoalMs ? "met" : "NOT met")}");
        }

        foreach (var r in reports.Where(r => r.Scenario.IsBurst || r.Scenario.Rate * r.Scenario.Endpoints >= ThroughputGoal))
        {
            Console.WriteLine($"Goal, {ThroughputGoal:N0} deliveries/s sustained ({r.Scenario.Name}): {r.DeliveriesPerSecond:N0}/s, {(r.DeliveriesPerSecond >= ThroughputGoal * 0.98 ? "met" : "NOT met")}");
        }

        foreach (var r in reports.Where(r => !r.Clean))
        {
            Console.WriteLine($"{r.Scenario.Name}: {r.Missing} missing, {r.Invalid} bad signature(s), {r.Stray} stray, {r.Failed} failed, {r.Pending} pending, {r.Unpublished} unpublished.");
        }
    }

    /// <summary>The ports the stack's processes listen on, from .wekeza/endpoints.json: how <see cref="StackCpu"/> finds them.</summary>
    private static Dictionary<string, int> Ports(BenchEnvironment env)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(env.RepositoryRoot, ".wekeza", "endpoints.json")));
        var ports = new Dictionary<string, int>();
        foreach (var (group, resource) in new[] { ("workers", "workers"), ("postgres", "postgres"), ("rabbitmq", "messaging"), ("auth", "auth"), ("api", "api") })
        {
            if (json.RootElement.TryGetProperty(resource, out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var address))
            {
                ports[group] = address.Port;
            }
        }

        return ports;
    }

    /// <summary>Version and durability settings: a commit's cost (and so the pipeline's) depends on them.</summary>
    private static async Task<string> ServerSettingsAsync(string bankDb)
    {
        await using var connection = new NpgsqlConnection(bankDb);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers')", connection);
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"PostgreSQL {reader.GetString(0)}: fsync {reader.GetString(1)}, synchronous_commit {reader.GetString(2)}, shared_buffers {reader.GetString(3)}";
    }
}
