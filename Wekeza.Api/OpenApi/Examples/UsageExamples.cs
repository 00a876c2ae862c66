using Wekeza.Api.Features.Usage;
using Wekeza.Banking.Usage;
using Wekeza.ServiceDefaults;
using Wekeza.ServiceDefaults.Apps;
using static Wekeza.Api.OpenApi.Examples.ExampleValues;

namespace Wekeza.Api.OpenApi.Examples;

/// <summary>Budget Buddy's last hour, built by the same tally the endpoint uses, and its readiness by the same rules.</summary>
internal static class UsageExamples
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static readonly UsageQuery Query = UsageQuery.TryParse("1h", "endpoint", out _)!;

    private static readonly Microsoft.AspNetCore.Mvc.ProblemDetails Invalid = ValidationProblems.Result(
        new() { ["range"] = ["Use one of 1h, 24h, 30d."] }, "The usage query is not valid").ProblemDetails;

    public static IReadOnlyDictionary<string, OperationExample> ByOperation { get; } = new Dictionary<string, OperationExample>(StringComparer.Ordinal)
    {
        ["GetAppUsage"] = new(null, UsageTally.Report(ClientId, Query, Query.Range.From(Now), Now, Rows()), Invalid),
        ["ExportAppUsage"] = new(null, null, Invalid),
        ["GetAppReadiness"] = new(null, Readiness.Build(ClientId, Now, Now - Readiness.Period, new HashSet<string> { ApiScopes.AccountsRead },
            [("GET", "/v1/accounts", 200, 40, Now.AddMinutes(-3)), ("POST", "/v1/consents", 201, 2, Now.AddMinutes(-9)), ("GET", "/v1/accounts", 403, 1, Now.AddMinutes(-9))],
            consents: 1, payments: 0, webhookEndpoints: 1, delivered: 3),
            ValidationProblems.Result(new() { ["scopes"] = ["'admin' is not a scope an app may hold: use accounts.read, transactions.read, payments.write."] },
                "The readiness query is not valid").ProblemDetails),
        ["GetUsageOverview"] = new(null, new UsageOverview("1h", Query.Range.From(Now), Now,
            [new UsageOverviewApp(ClientId, UsageTally.Report(ClientId, Query, Query.Range.From(Now), Now, Rows()).Totals)]), Invalid),
    };

    private static UsageRow[] Rows()
    {
        var last = Now.AddMinutes(-1);
        return [Row(last, "GET", "/v1/accounts", 200, 40, 9), Row(last, "POST", "/v1/consents", 201, 2, 31), Row(last, "GET", "/v1/accounts", 403, 1, 4)];
    }

    private static UsageRow Row(DateTimeOffset minute, string method, string route, int status, long calls, double ms)
    {
        var buckets = new long[LatencyBuckets.Count];
        buckets[LatencyBuckets.IndexOf(ms)] = calls;
        return new UsageRow(minute, method, route, status, calls, ms * calls, ms, buckets);
    }
}
