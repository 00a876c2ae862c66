using System.Net.Http.Headers;
using System.Globalization;
using Wekeza.Bench;

// Load on the token endpoint (client credentials) or on the API; see bench/README.md.
//   dotnet run -c Release --project bench/token-grants -- [--mode token|api|api-anonymous] [--workers 32]
//       [--warmup 5] [--duration 30] [--client-id ID --client-secret SECRET] [--auth URL] [--api URL] [--ca PATH]
const string Scope = "accounts.read";

try
{
    var options = new BenchOptions(args, ["mode", "workers", "warmup", "duration", "client-id", "client-secret", "auth", "api", "portal", "ca"]);
    var mode = options.Get("mode") ?? "token";
    var workers = options.GetInt("workers", 32);
    var warmUp = options.GetSeconds("warmup", 5);
    var duration = options.GetSeconds("duration", 30);
    var env = BenchEnvironment.Discover(options);

    using var http = new HttpClient(env.CreateHandler()) { Timeout = TimeSpan.FromSeconds(30) };
    var app = await SandboxApp.GetAsync(options, env, Scope);
    var grant = new ClientCredentialsGrant(env, app, Scope);
    var (sample, lifetime) = await grant.RequestAsync(http);
    Console.WriteLine($"Sample token: {grant.Describe(sample)}, expires in {lifetime.TotalSeconds:0} s");

    using var stop = new CancellationTokenSource();
    Func<HttpRequestMessage> createRequest;
    string target;
    switch (mode)
    {
        case "token":
            target = $"POST {env.Auth}connect/token (client_credentials, scope {Scope}, client_secret_basic)";
            createRequest = grant.CreateRequest;
            break;
        case "api":
            var accounts = new Uri(env.Api, "v1/accounts");
            var bearer = new AuthenticationHeaderValue("Bearer", sample);
            // Access tokens live minutes: renew at half-life so a long run never measures 401s.
            _ = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await Task.Delay(lifetime / 2, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                    if (!stop.IsCancellationRequested)
                    {
                        bearer = new AuthenticationHeaderValue("Bearer", (await grant.RequestAsync(http, stop.Token)).AccessToken);
                    }
                }
            });
            target = $"GET {accounts} with a Bearer token";
            createRequest = () => new HttpRequestMessage(HttpMethod.Get, accounts) { Headers = { Authorization = bearer } };
            break;
        case "api-anonymous":
            // The baseline for "api": the same gateway middleware, no token to validate, no authorization policy.
            var alive = new Uri(env.Api, "alive");
            target = $"GET {alive} without a token (baseline)";
            createRequest = () => new HttpRequestMessage(HttpMethod.Get, alive);
            break;
        default:
            throw new BenchException($"Unknown --mode {mode}: use token, api or api-anonymous.");
    }

    Console.WriteLine($"{target}: {workers} workers, {warmUp.TotalSeconds:0.#} s warm-up, {duration.TotalSeconds:0.#} s measured, {Environment.ProcessorCount} cores");
    var result = await LoadRun.RunAsync(createRequest, http, workers, warmUp, duration);
    await stop.CancelAsync();

    var errors = result.Errors.Count == 0
        ? "none"
        : string.Join(", ", result.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key}: {e.Value}"));
    Console.WriteLine($"  {(mode == "token" ? "grants" : "requests"),-12}{result.Latencies.Count} in {result.Measured.TotalSeconds:0.00} s");
    Console.WriteLine($"  {"errors",-12}{result.Errored} ({errors})");
    Console.WriteLine($"  {"per second",-12}{result.PerSecond.ToString("0.0", CultureInfo.InvariantCulture)}");
    Console.WriteLine($"  {"latency ms",-12}{result.Latencies.Summary(milliseconds: true)}");
    return result.Errored == 0 ? 0 : 2;
}
catch (BenchException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
