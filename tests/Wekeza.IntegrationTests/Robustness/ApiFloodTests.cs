using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Wekeza.IntegrationTests.Robustness;

/// <summary>
/// A flood of malformed requests at every operation of the API's own OpenAPI document (bad JSON, wrong content types,
/// bodies over the limit, 10,000 levels of nesting, invalid UTF-8, injection strings in every path, query and header
/// parameter and every string field), each sent with a token that gets it past authorization. Every answer is a 4xx
/// problem+json, never a 5xx; and an app that behaves keeps being served, without slowing down, while it runs.
/// </summary>
public sealed class ApiFloodTests(PlatformFixture platform)
{
    /// <summary>Of an app's 600-a-minute sandbox budget: the rest is for the probes and the app's set-up.</summary>
    private const int RequestsPerApp = 400;
    private const int Parallelism = 4;
    private const string QuietPath = "/v1/webhook-event-types";

    /// <summary>Codes that mean "not this kind of token": the probe tries the next kind.</summary>
    private static readonly HashSet<string> WrongCaller = ["unauthorized", "forbidden", "app_token_required", "customer_token_required", "admin_required", "consent_required"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operation_answers_every_malformed_request_with_a_4xx_problem_and_a_well_behaved_app_is_served_throughout()
    {
        var callers = await FloodCallers.CreateAsync(platform);
        using var api = platform.CreateClient("api");
        var operations = ApiOperations.From((await api.GetFromJsonAsync<JsonNode>("/openapi/v1.json", Cancel))!);
        Assert.True(operations.Count >= 40, $"Only {operations.Count} operations in the document");

        var plan = new List<FloodRequest>();
        foreach (var operation in operations)
        {
            plan.AddRange(FloodPlan.For(operation, await CallerForAsync(api, operation, callers), callers));
        }

        await SpreadOverAppsAsync(plan, callers);
        var quietApp = await callers.NewAppAsync();
        using var quiet = platform.CreateClient("api");
        quiet.DefaultRequestHeaders.Authorization = new("Bearer", quietApp.Token);
        var baseline = await QuietCallsAsync(quiet, count: 30);

        var findings = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var accepted = new ConcurrentBag<string>();
        using var flooding = new CancellationTokenSource();
        var during = QuietWhileAsync(quiet, flooding.Token);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = Cancel }, async (request, cancel) =>
        {
            var (answer, failure) = await FloodSend.SendAsync(api, () => request.Build(request.App), cancel);
            if (answer is not { } response)
            {
                findings.Add($"{request}: {failure}");
                return;
            }

            using var _ = response;
            var body = await response.Content.ReadAsStringAsync(cancel);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if (FloodVerdict.Judge(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, request.MayAccept, request.RefusedByServer) is { } wrong)
            {
                findings.Add($"{request}: {wrong}: {Snippet(body)}");
            }
            else if ((int)response.StatusCode < 400)
            {
                accepted.Add($"{request}: {(int)response.StatusCode}");
            }
        });
        var flood = clock.Elapsed;
        await flooding.CancelAsync();
        var served = await during;
        await callers.ResetSandboxesAsync();

        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"{plan.Count} requests at {operations.Count} operations over {callers.Apps.Count} apps in {flood.TotalSeconds:F1} s");
        output.WriteLine("Statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        output.WriteLine($"Quiet app: baseline p95 {P95(baseline).TotalMilliseconds:F0} ms; during the flood {served.Count} calls, p95 {P95(served.Select(s => s.Took)).TotalMilliseconds:F0} ms");
        foreach (var line in accepted.Order().Take(200))
        {
            output.WriteLine("accepted: " + line);
        }

        Assert.True(findings.IsEmpty, $"{findings.Count} wrong answers:\n" + string.Join("\n", findings.Order().Take(150)));

        // The well-behaved app: every call served, and no slower than a generous multiple of before (the flood shares
        // this machine's two cores with it, so "as fast as before" would measure the machine, not the platform).
        Assert.True(served.Count >= 10, $"The quiet app made only {served.Count} calls during the flood");
        Assert.All(served, call => Assert.Equal(HttpStatusCode.OK, call.Status));
        var bound = TimeSpan.FromTicks(Math.Max(P95(baseline).Ticks * 5, TimeSpan.FromMilliseconds(250).Ticks));
        Assert.True(P95(served.Select(s => s.Took)) < bound && P95(served.Select(s => s.Took)) < TimeSpan.FromSeconds(2),
            $"The quiet app's p95 went from {P95(baseline).TotalMilliseconds:F0} ms to {P95(served.Select(s => s.Took)).TotalMilliseconds:F0} ms");
    }

    /// <summary>The first kind of token the operation does not refuse as the wrong kind (asked with harmless made-up ids and an empty object).</summary>
    private static async Task<CallerKind> CallerForAsync(HttpClient api, ApiOperation operation, FloodCallers callers)
    {
        foreach (var kind in Enum.GetValues<CallerKind>())
        {
            var app = kind is CallerKind.CustomerAccounts or CallerKind.CustomerPayment ? callers.CustomerApp : callers.Apps[0];
            var path = operation.PathParameters.Aggregate(operation.Template, (path, parameter) => path.Replace("{" + parameter + "}", "probe", StringComparison.Ordinal));
            using var probe = new HttpRequestMessage(new HttpMethod(operation.Method), path);
            probe.Headers.Authorization = new("Bearer", callers.TokenOf(kind, app));
            if (operation.Body is not null)
            {
                probe.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            using var response = await api.SendAsync(probe, Cancel);
            var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? (await response.Content.ReadFromJsonAsync<JsonNode>(Cancel))?["code"]?.GetValue<string>()
                : null;
            if (code is null || !WrongCaller.Contains(code))
            {
                return kind;
            }
        }

        // No token gets past authorization (none exists here): the refusals are still checked, with the app's.
        return CallerKind.App;
    }

    /// <summary>Gives each request the app whose budget it spends: the customer's for customer tokens, round robin over enough apps for app tokens.</summary>
    private static async Task SpreadOverAppsAsync(List<FloodRequest> plan, FloodCallers callers)
    {
        var customers = plan.Count(r => r.Caller is CallerKind.CustomerAccounts or CallerKind.CustomerPayment);
        Assert.True(customers <= RequestsPerApp, $"{customers} requests with the customer's tokens: more than one app's budget");
        var apps = plan.Where(r => r.Caller == CallerKind.App).ToList();
        while (callers.Apps.Count * RequestsPerApp < apps.Count)
        {
            await callers.AddAppAsync();
        }

        for (var i = 0; i < apps.Count; i++)
        {
            apps[i].App = callers.Apps[i % callers.Apps.Count];
        }

        foreach (var request in plan.Where(r => r.Caller != CallerKind.App))
        {
            request.App = request.Caller is CallerKind.CustomerAccounts or CallerKind.CustomerPayment ? callers.CustomerApp : callers.Apps[0];
        }
    }

    private static async Task<List<TimeSpan>> QuietCallsAsync(HttpClient quiet, int count)
    {
        for (var i = 0; i < 3; i++)
        {
            using var warm = await quiet.GetAsync(QuietPath, Cancel);
        }

        var took = new List<TimeSpan>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await quiet.GetAsync(QuietPath, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            took.Add(clock.Elapsed);
            await Task.Delay(50, Cancel);
        }

        return took;
    }

    /// <summary>One call every 100 ms (well inside the app's budget) until the flood ends.</summary>
    private static async Task<List<(HttpStatusCode Status, TimeSpan Took)>> QuietWhileAsync(HttpClient quiet, CancellationToken flooding)
    {
        var calls = new List<(HttpStatusCode, TimeSpan)>();
        while (!flooding.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            using var response = await quiet.GetAsync(QuietPath, Cancel);
            calls.Add((response.StatusCode, clock.Elapsed));
            try
            {
                await Task.Delay(100, flooding);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return calls;
    }

    private static TimeSpan P95(IEnumerable<TimeSpan> took)
    {
        var sorted = took.Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1];
    }

    private static string Snippet(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
