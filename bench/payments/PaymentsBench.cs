using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

namespace Wekeza.Bench;

/// <summary>
/// Payments accepted per second (<c>POST /v1/payments</c> → 202) and completed per second (→ <c>Completed</c> in bankdb,
/// through the outbox, RabbitMQ and the workers), against pgbench's TPC-B-like ceiling on the same PostgreSQL. The
/// consents the payments need are authorised first, outside the figures; see bench/README.md.
/// </summary>
internal static class PaymentsBench
{
    private const string Completed = "Completed";
    private const double Goal = 0.33;

    public static async Task<int> Main(string[] args)
    {
        try
        {
            var options = new BenchOptions(args,
                ["payments", "concurrency", "sessions", "poll-ms", "timeout", "skip-pgbench", "pgbench", "client-id", "client-secret", "auth", "api", "portal", "ca", "bankdb"]);
            var count = Positive(options.GetInt("payments", 2000), "--payments");
            var concurrency = Positive(options.GetInt("concurrency", 32), "--concurrency");
            var sessions = Positive(options.GetInt("sessions", 4), "--sessions");
            var poll = TimeSpan.FromMilliseconds(Positive(options.GetInt("poll-ms", 20), "--poll-ms"));
            var timeout = options.GetSeconds("timeout", 120);
            var env = BenchEnvironment.Discover(options);
            var bankDb = options.Get("bankdb") ?? env.ConnectionString("bankdb");
            // Found before the long part, so a missing binary fails in a second, not after the payments.
            var pgbench = options.Has("skip-pgbench") ? null : PgBench.Find(options.Get("pgbench"));
            var settings = await PgBench.ServerSettingsAsync(bankDb);
            Console.WriteLine($"{Environment.ProcessorCount} cores; {settings}");

            using var http = new HttpClient(env.CreateHandler()) { Timeout = TimeSpan.FromSeconds(30) };
            var app = await SandboxApp.GetAsync(options, env, PaymentConsentJourney.Scope);
            var journey = new PaymentConsentJourney(env, app, http);

            // 1. Not timed: one authorised consent per payment.
            Console.WriteLine($"Preparing {count:N0} authorised payment consents with {sessions} sessions; payment i is KES {PaymentPlan.Amount} from stream i mod {PaymentPlan.Streams.Count}:");
            foreach (var stream in PaymentPlan.Streams)
            {
                Console.WriteLine($"  {stream.Customer.Name}'s {stream.AccountId} → {stream.CreditorName} ({stream.CreditorNumber})");
            }

            var clock = Stopwatch.StartNew();
            var prepared = await Preparation.RunAsync(journey, count, sessions, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)));
            var preparation = clock.Elapsed;
            var tokensLeft = prepared.Min(p => p.TokenExpiresAt) - DateTimeOffset.UtcNow;
            Console.WriteLine($"Prepared in {preparation.TotalSeconds:0.0} s ({count / preparation.TotalSeconds:0.0} consents/s); the oldest token has {tokensLeft.TotalSeconds:0} s left");
            if (tokensLeft < TimeSpan.FromSeconds(60))
            {
                throw new BenchException("The first customers' tokens expire within a minute: run fewer --payments or more --sessions.");
            }

            // 2. Timed: every payment submitted once; completions watched in bankdb meanwhile.
            Console.WriteLine();
            Console.WriteLine($"POST {env.Api}v1/payments × {count:N0}, {concurrency} concurrent, completions watched in bankdb every {poll.TotalMilliseconds:0} ms");
            var watcher = new CompletionWatcher(bankDb, app.ClientId, poll);
            var allSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var watching = watcher.WatchAsync(allSent.Task, timeout);
            Submission[] submissions;
            try
            {
                submissions = await PaymentLoad.RunAsync(http, new Uri(env.Api, "v1/payments"), prepared, concurrency, watcher.Register);
            }
            finally
            {
                allSent.SetResult();
            }

            await watching;
            var states = await watcher.ReadAsync();
            var outcome = Outcome.Of(submissions, watcher, states, timeout);
            outcome.Print();
            await CheckThroughApiAsync(http, env, outcome);

            // 3. The ceiling, once the stack is quiet again.
            PgBenchResult? ceiling = null;
            if (pgbench is not null)
            {
                Console.WriteLine();
                ceiling = await PgBench.RunAsync(bankDb, pgbench);
            }

            PrintFigures(count, concurrency, settings, outcome, ceiling, preparation, sessions, watcher.Polls);
            return outcome.AllCompleted ? 0 : 2;
        }
        catch (Exception ex) when (ex is BenchException or HttpRequestException or NpgsqlException)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    /// <summary>The API's view of one completed payment, with the token its customer authorised: what an app would see.</summary>
    private static async Task CheckThroughApiAsync(HttpClient http, BenchEnvironment env, Outcome outcome)
    {
        if (outcome.Completed.FirstOrDefault() is not { } sample || sample.Payment.TokenExpiresAt < DateTimeOffset.UtcNow.AddSeconds(5))
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(env.Api, $"v1/payments/{sample.PaymentId}/status"));
        request.Headers.Authorization = sample.Payment.Bearer;
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"GET /v1/payments/{sample.PaymentId}/status answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        var history = string.Join(" → ", status.GetProperty("history").EnumerateArray().Select(step => step.GetProperty("status").GetString()));
        Console.WriteLine($"  {"API check",-12}GET /v1/payments/{sample.PaymentId}/status: {status.GetProperty("status")} (isFinal {status.GetProperty("isFinal")}), history {history}");
        if (status.GetProperty("status").GetString() != Completed)
        {
            throw new BenchException($"bankdb says {sample.PaymentId} is Completed, the API says {status.GetProperty("status")}.");
        }
    }

    private static void PrintFigures(int count, int concurrency, string settings, Outcome outcome, PgBenchResult? ceiling, TimeSpan preparation,
        int sessions, int polls)
    {
        Console.WriteLine();
        Console.WriteLine($"Figures: {count:N0} payments, {concurrency} concurrent, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"({settings})");
        Console.WriteLine();
        Console.WriteLine("| Measure | Rate | p50 | p95 | p99 | max |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Row($"Payments accepted (POST /v1/payments → 202), {outcome.Accepted.Count:N0}", $"{outcome.AcceptedPerSecond:0.0}/s", outcome.AcceptLatency);
        Row($"Payments completed (POST → Completed, seen in bankdb), {outcome.Completed.Count:N0}", $"{outcome.CompletedPerSecond:0.0}/s", outcome.CompleteLatency);
        if (ceiling is not null)
        {
            Console.WriteLine($"| pgbench TPC-B-like ({PgBench.Describe}) | {ceiling.Tps:0.0} tps | avg {ceiling.LatencyMs:0.00} ms | | | |");
            var ratio = outcome.CompletedPerSecond / ceiling.Tps;
            Console.WriteLine($"| Payments completed / pgbench TPS | **{ratio:0.000}** | goal ≥ {Goal:0.00}: {(ratio >= Goal ? "met" : "NOT met")} | | | |");
        }

        Console.WriteLine();
        Console.WriteLine($"Preparation, not in the figures: {count:N0} payment consents created and authorised in {preparation.TotalSeconds:0.0} s "
            + $"({count / preparation.TotalSeconds:0.0}/s, {sessions} sessions). Completion latency is when the watcher saw it "
            + $"({polls:N0} polls); by the workers' own timestamp it was {outcome.StampedLatency.Summary(milliseconds: true)} ms.");
        if (!outcome.AllCompleted)
        {
            Console.WriteLine("Not every payment was accepted and completed: see the outcomes above.");
        }

        static void Row(string what, string rate, Latencies latencies)
        {
            string Ms(double us) => (us / 1000).ToString(us >= 100_000 ? "0" : "0.0", CultureInfo.InvariantCulture) + " ms";
            Console.WriteLine($"| {what} | {rate} | {Ms(latencies.Percentile(50))} | {Ms(latencies.Percentile(95))} | {Ms(latencies.Percentile(99))} | {Ms(latencies.Max)} |");
        }
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new BenchException($"{option} must be at least 1.");
}
