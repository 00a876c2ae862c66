using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using Wekeza.ServiceDefaults.Sandbox;

namespace Wekeza.Bench;

/// <summary>
/// GET /v1/accounts/{id}/transactions, a page of 50, on an account with 100,000 transactions: the first page and the
/// last page through the API with a customer's consent-bound token, and the same query on a bare endpoint with no
/// pipeline. Closed loop (workers) or open loop (<c>--rate</c>); see bench/README.md.
/// </summary>
internal static class AccountTransactionsBench
{
    private const int PageSize = 50;
    private static readonly string[] KnownModes = ["first", "last", "bare", "bare-last"];

    public static async Task<int> Main(string[] args)
    {
        try
        {
            var options = new BenchOptions(args,
                ["mode", "workers", "warmup", "duration", "rate", "connections", "goal-ms", "client-id", "client-secret", "auth", "api", "portal", "ca", "bankdb"]);
            var modes = (options.Get("mode") ?? "first,last,bare").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (modes.FirstOrDefault(m => !KnownModes.Contains(m)) is { } unknown)
            {
                throw new BenchException($"Unknown --mode {unknown}: use {string.Join(", ", KnownModes)}, or several separated by commas.");
            }

            var workers = options.GetInt("workers", 32);
            var warmUp = options.GetSeconds("warmup", 5);
            var duration = options.GetSeconds("duration", 30);
            double? rate = options.Get("rate") is { } r ? double.Parse(r, CultureInfo.InvariantCulture) : null;
            var connections = options.GetInt("connections", 32);
            var goal = options.GetInt("goal-ms", 20);
            var env = BenchEnvironment.Discover(options);
            var bankDb = options.Get("bankdb") ?? env.ConnectionString("bankdb");

            await BenchAccount.EnsureSeededAsync(bankDb);

            using var http = new HttpClient(env.CreateHandler()) { Timeout = TimeSpan.FromSeconds(30) };
            var app = await SandboxApp.GetAsync(options, env, "accounts.read", "transactions.read");
            var consent = new CustomerConsent(env, app);
            var consentId = await consent.CreateAsync(http, TimeSpan.FromDays(1));
            var amina = TestCustomers.All[0];
            var tokens = await consent.AuthoriseAsync(consentId, amina.Email, TestCustomers.Password, [BenchAccount.Id]);
            if (CustomerConsent.ConsentIdOf(tokens.AccessToken) != consentId)
            {
                throw new BenchException($"The customer's access token does not carry consent_id {consentId}.");
            }

            Console.WriteLine($"{amina.Name} shared {BenchAccount.Id} under {consentId}; token: "
                + $"{new ClientCredentialsGrant(env, app, "transactions.read").Describe(tokens.AccessToken)}, expires in {tokens.Lifetime.TotalSeconds:0} s");
            await using var session = new CustomerSession(consent, http, tokens);

            var firstUrl = new Uri(env.Api, $"v1/accounts/{BenchAccount.Id}/transactions?limit={PageSize}");
            var firstPage = await GetPageAsync(http, firstUrl, session.Bearer);
            var lastUrl = modes.Any(m => m.EndsWith("last", StringComparison.Ordinal)) ? await WalkToLastPageAsync(http, session, firstUrl, firstPage) : null;

            await using var bare = modes.Any(m => m.StartsWith("bare", StringComparison.Ordinal)) ? await BareEndpoint.StartAsync(bankDb) : null;
            using var bareHttp = bare is null ? null : new HttpClient(env.CreateHandler(trustedRoot: bare.Root)) { Timeout = TimeSpan.FromSeconds(30) };
            Uri Bare(Uri apiUrl) => new(bare!.BaseAddress, apiUrl.PathAndQuery);
            if (bare is not null)
            {
                await CheckSameAnswerAsync(bareHttp!, Bare(firstUrl), firstPage, "first page");
                if (lastUrl is not null)
                {
                    await CheckSameAnswerAsync(bareHttp!, Bare(lastUrl), await GetPageAsync(http, lastUrl, session.Bearer), "last page");
                }

                Console.WriteLine($"Bare endpoint at {bare.BaseAddress}: same data as the API on the pages checked");
            }

            var meter = CpuMeter.Find(env.Api.Port, new NpgsqlConnectionStringBuilder(bankDb).Port);
            var results = new Dictionary<string, LoadResult>();
            var cpu = new Dictionary<string, CpuUse>();
            var failed = false;
            foreach (var mode in modes)
            {
                var (client, url, authorised, what) = mode switch
                {
                    "first" => (http, firstUrl, true, "API, first page"),
                    "last" => (http, lastUrl!, true, "API, last page"),
                    "bare" => (bareHttp!, Bare(firstUrl), false, "bare, first page"),
                    _ => (bareHttp!, Bare(lastUrl!), false, "bare, last page"),
                };
                Func<HttpRequestMessage> createRequest = authorised
                    ? () => new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = session.Bearer } }
                    : () => new HttpRequestMessage(HttpMethod.Get, url);

                Console.WriteLine();
                // CPU is counted from the end of the warm-up, like the requests.
                var measureFrom = meter is null ? null : Task.Delay(warmUp).ContinueWith(_ => meter.Sample(), TaskScheduler.Default);
                if (rate is { } perSecond)
                {
                    Console.WriteLine($"[{mode}] {what}: GET {url.GetLeftPart(UriPartial.Path)}?{Shorten(url.Query)} at {perSecond:0.#} req/s (open loop) "
                        + $"over at most {connections} connections, {warmUp.TotalSeconds:0.#} s warm-up, {duration.TotalSeconds:0.#} s measured, {Environment.ProcessorCount} cores");
                    // As wrk2 does: a fixed set of keep-alive connections. Without a cap, every request that finds them all
                    // busy opens another (a TLS handshake each), and a server that falls behind is buried under new connections.
                    var handler = env.CreateHandler(trustedRoot: authorised ? null : bare!.Root);
                    handler.MaxConnectionsPerServer = connections;
                    using var capped = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
                    var result = await RateRun.RunAsync(createRequest, capped, perSecond, warmUp, duration);
                    PrintRate(result, goal);
                    results[mode] = result.Load;
                }
                else
                {
                    Console.WriteLine($"[{mode}] {what}: GET {url.GetLeftPart(UriPartial.Path)}?{Shorten(url.Query)}, {workers} workers, "
                        + $"{warmUp.TotalSeconds:0.#} s warm-up, {duration.TotalSeconds:0.#} s measured, {Environment.ProcessorCount} cores");
                    var result = await LoadRun.RunAsync(createRequest, client, workers, warmUp, duration);
                    Print(result);
                    results[mode] = result;
                }

                if (measureFrom is not null)
                {
                    cpu[mode] = CpuUse.Between(await measureFrom, meter!.Sample(), results[mode].Latencies.Count + results[mode].Errored);
                    PrintCpu(cpu[mode], mode);
                }

                failed |= results[mode].Errored > 0;
            }

            Console.WriteLine();
            Compare(results, "first", "bare", "Pipeline cost (API first page / bare, same query)", rate is null);
            if (rate is null && cpu.TryGetValue("first", out var api) && cpu.TryGetValue("bare", out var bareCpu))
            {
                // The bench process runs the client in both modes, and the bare endpoint too in "bare": the difference is the
                // endpoint. Only in a closed loop: below saturation .NET's thread pool spins while it waits for work, and that
                // idle spinning, not the requests, is most of the CPU counted.
                var bareServer = bareCpu.Bench - api.Bench;
                Console.WriteLine($"  {"CPU/request",-12}API process {api.Api:0.000} ms / bare endpoint ≈{bareServer:0.000} ms (this process in bare less in first) = ×{api.Api / bareServer:0.00}; "
                    + $"PostgreSQL {api.Postgres:0.000} / {bareCpu.Postgres:0.000} ms");
            }

            Compare(results, "last", "first", "Depth (API last page / first page)", rate is null);
            Console.WriteLine($"Token renewals during the run: {session.Renewals}");
            return failed ? 2 : 0;
        }
        catch (BenchException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    private static async Task<JsonElement> GetPageAsync(HttpClient http, Uri url, AuthenticationHeaderValue? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = bearer } };
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"GET {url.AbsolutePath} answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        var page = json.RootElement.Clone();
        if (page.GetProperty("data").GetArrayLength() != PageSize)
        {
            throw new BenchException($"GET {url.AbsolutePath} returned {page.GetProperty("data").GetArrayLength()} transactions, not {PageSize}.");
        }

        return page;
    }

    private static Uri? NextOf(JsonElement page) =>
        page.GetProperty("links").TryGetProperty("next", out var next) ? new Uri(next.GetString()!) : null;

    /// <summary>
    /// Follows links.next from the first page to the last, as a client reading the whole statement would, and checks
    /// it sees every transaction once. The last page's URL (with its cursor) is what the "last" mode repeats.
    /// </summary>
    private static async Task<Uri> WalkToLastPageAsync(HttpClient http, CustomerSession session, Uri firstUrl, JsonElement firstPage)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var times = new List<long>();
        var (url, page) = (firstUrl, firstPage);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            foreach (var line in page.GetProperty("data").EnumerateArray())
            {
                if (!seen.Add(line.GetProperty("transactionId").GetString()!))
                {
                    throw new BenchException($"Transaction {line.GetProperty("transactionId")} came twice while paging: the cursor is not stable.");
                }
            }

            if (NextOf(page) is not { } next)
            {
                break;
            }

            var started = Stopwatch.GetTimestamp();
            (url, page) = (next, await GetPageAsync(http, next, session.Bearer));
            times.Add(Stopwatch.GetTimestamp() - started);
        }

        if (seen.Count != BenchAccount.Transactions)
        {
            throw new BenchException($"Paging through {BenchAccount.Id} saw {seen.Count:N0} transactions, not {BenchAccount.Transactions:N0}.");
        }

        Console.WriteLine($"Walked links.next through {times.Count + 1:N0} pages ({seen.Count:N0} transactions, each once) in {clock.Elapsed.TotalSeconds:0.0} s, "
            + $"one at a time: {new Latencies(times).Summary(milliseconds: true)} ms per page");
        return url;
    }

    /// <summary>The bare endpoint must answer what the API answers, or the comparison means nothing.</summary>
    private static async Task CheckSameAnswerAsync(HttpClient bareHttp, Uri url, JsonElement apiPage, string what)
    {
        var barePage = await GetPageAsync(bareHttp, url, bearer: null);
        if (barePage.GetProperty("data").GetRawText() != apiPage.GetProperty("data").GetRawText())
        {
            throw new BenchException($"The bare endpoint's {what} differs from the API's: they do not run the same query.");
        }
    }

    private static void Print(LoadResult result)
    {
        var errors = result.Errors.Count == 0
            ? "none"
            : string.Join(", ", result.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key}: {e.Value}"));
        Console.WriteLine($"  {"requests",-12}{result.Latencies.Count} in {result.Measured.TotalSeconds:0.00} s");
        Console.WriteLine($"  {"errors",-12}{result.Errored} ({errors})");
        Console.WriteLine($"  {"per second",-12}{result.PerSecond.ToString("0.0", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"  {"latency ms",-12}{result.Latencies.Summary(milliseconds: true)}");
    }

    private static void PrintRate(RateResult result, int goalMs)
    {
        Print(result.Load);
        Console.WriteLine($"  {"service ms",-12}{result.ServiceTimes.Summary(milliseconds: true)}   (from the actual send, so with any wait for a free connection)");
        Console.WriteLine($"  {"send lag ms",-12}{result.SendLag.Summary(milliseconds: true)}   (the generator's own lateness, included in latency)");
        Console.WriteLine($"  {"in flight",-12}at most {result.MaxInFlight} at once (waiting for a connection or for the answer)");
        var p99 = result.Load.Latencies.Percentile(99) / 1000;
        var met = p99 < goalMs && result.Load.Errored == 0;
        Console.WriteLine($"  {"goal",-12}p99 {p99:0.00} ms at {result.Rate:0.#} req/s: {(met ? "under" : "NOT under")} {goalMs} ms{(result.Load.Errored > 0 ? " (and some requests failed)" : "")}");
    }

    private static void PrintCpu(CpuUse use, string mode) =>
        Console.WriteLine($"  {"CPU ms/req",-12}API {use.Api:0.000}  PostgreSQL {use.Postgres:0.000}  bench {use.Bench:0.000} "
            + (mode.StartsWith("bare", StringComparison.Ordinal) ? "(load generator and bare endpoint)" : "(load generator)"));

    private static void Compare(Dictionary<string, LoadResult> results, string mode, string baseline, string title, bool closedLoop)
    {
        if (!results.TryGetValue(mode, out var a) || !results.TryGetValue(baseline, out var b) || a.Latencies.Count == 0 || b.Latencies.Count == 0)
        {
            return;
        }

        string Ms(double us) => (us / 1000).ToString("0.00", CultureInfo.InvariantCulture);
        Console.WriteLine(title + ":");
        foreach (var p in new[] { 50, 99 })
        {
            Console.WriteLine($"  p{p,-11}{Ms(a.Latencies.Percentile(p))} ms / {Ms(b.Latencies.Percentile(p))} ms = ×{a.Latencies.Percentile(p) / b.Latencies.Percentile(p):0.00}");
        }

        if (closedLoop)
        {
            Console.WriteLine($"  {"throughput",-12}{a.PerSecond:0} / {b.PerSecond:0} req/s = ×{a.PerSecond / b.PerSecond:0.00}");
        }
    }

    /// <summary>A cursor is a long base64url blob; its first characters are enough to tell runs apart.</summary>
    private static string Shorten(string query) => query.TrimStart('?') is var q && q.Length > 48 ? q[..48] + "…" : q;
}
