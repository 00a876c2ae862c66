using System.Globalization;
using System.Net.Http.Headers;

namespace Wekeza.Bench;

/// <summary>
/// The gateway pipeline's cost: one trivial endpoint (<c>GET /v1/webhook-event-types</c>, a static list) through
/// Wekeza.Api's whole pipeline (interaction id, problem details, token validation, the Redis rate limit, authorization,
/// and whatever else the pipeline does to every call: request logging and metering), and the same bytes answered
/// before any of it. Same process, same host, same in-memory server; rounds alternate so drift hits both alike. Run
/// once with one worker (latency added to a lone request) and once with several (throughput under load).
/// </summary>
internal static class GatewayBench
{
    private const string Path = "/v1/webhook-event-types";

    public static async Task<int> Main(string[] args)
    {
        try
        {
            var options = new BenchOptions(args, ["workers", "warmup", "duration", "rounds", "set", "client-id", "client-secret", "auth", "api", "portal", "ca"]);
            var workers = options.GetInt("workers", 8);
            var warmUp = options.GetSeconds("warmup", 2);
            var duration = options.GetSeconds("duration", 5);
            var rounds = options.GetInt("rounds", 3);
            var settings = Settings(options.Get("set"));
            var env = BenchEnvironment.Discover(options);

            using var http = new HttpClient(env.CreateHandler());
            var app = await SandboxApp.GetAsync(options, env, "accounts.read");
            var grant = new ClientCredentialsGrant(env, app, "accounts.read");
            var (token, _) = await grant.RequestAsync(http);
            var bearer = new AuthenticationHeaderValue("Bearer", token);

            await using var api = new GatewayApiFactory(env, settings);
            using var client = api.CreateClient();
            using (var first = await client.SendAsync(Request(Path, bearer)))
            {
                if (!first.IsSuccessStatusCode)
                {
                    throw new BenchException($"{Path} answered {(int)first.StatusCode} through the pipeline: {await first.Content.ReadAsStringAsync()}");
                }

                GatewayApiFactory.BareBody = await first.Content.ReadAsByteArrayAsync();
                Console.WriteLine($"{Path} through the pipeline: {GatewayApiFactory.BareBody.Length} bytes; rate-limit headers: " +
                    (first.Headers.TryGetValues("RateLimit-Policy", out var policy) ? string.Join(",", policy) : "none"));
            }

            Console.WriteLine($"Gateway pipeline cost, {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
                $"{rounds} alternating rounds of {duration.TotalSeconds:0} s (after {warmUp.TotalSeconds:0} s warm-up each)" +
                (settings.Count == 0 ? "" : $", settings: {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))}"));
            foreach (var concurrency in new[] { 1, workers })
            {
                var bare = new List<LoadResult>();
                var full = new List<LoadResult>();
                for (var round = 0; round < rounds; round++)
                {
                    bare.Add(await LoadRun.RunAsync(() => Request(GatewayApiFactory.BarePrefix + Path, bearer), client, concurrency, warmUp, duration));
                    full.Add(await LoadRun.RunAsync(() => Request(Path, bearer), client, concurrency, warmUp, duration));
                }

                Report(concurrency, Merge(bare), Merge(full));
            }

            return 0;
        }
        catch (BenchException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    private static HttpRequestMessage Request(string path, AuthenticationHeaderValue bearer) => new(HttpMethod.Get, path)
    {
        Headers = { Authorization = bearer },
    };

    private static (Latencies Latencies, double PerSecond, int Errors) Merge(List<LoadResult> runs) =>
        (new Latencies(runs.SelectMany(r => r.Latencies.Ticks)), runs.Sum(r => r.Latencies.Count) / runs.Sum(r => r.Measured.TotalSeconds), runs.Sum(r => r.Errored));

    private static void Report(int concurrency, (Latencies Latencies, double PerSecond, int Errors) bare, (Latencies Latencies, double PerSecond, int Errors) full)
    {
        string Line(string name, (Latencies Latencies, double PerSecond, int Errors) run) =>
            $"    {name,-9} {run.PerSecond,9:N0} req/s   {run.Latencies.Summary(milliseconds: false)} µs   errors {run.Errors}";

        Console.WriteLine($"  {concurrency} concurrent {(concurrency == 1 ? "client" : "clients")}:");
        Console.WriteLine(Line("bare", bare));
        Console.WriteLine(Line("pipeline", full));
        var lost = 1 - full.PerSecond / bare.PerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    pipeline/bare throughput {full.PerSecond / bare.PerSecond:0.000} ({lost:P1} lost); added at p50 {full.Latencies.Percentile(50) - bare.Latencies.Percentile(50):0.0} µs, at p99 {full.Latencies.Percentile(99) - bare.Latencies.Percentile(99):0.0} µs"));
    }

    /// <summary><c>--set "Key=Value;Key2=Value2"</c>: settings for the hosted API (to switch a piece of the pipeline off, say).</summary>
    private static Dictionary<string, string> Settings(string? text) =>
        (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : throw new BenchException($"--set expects Key=Value, not '{pair[0]}'."));
}
