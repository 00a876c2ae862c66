using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Features.Shared;
using Wekeza.Api.Security;
using Wekeza.ServiceDefaults;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Api.Features.Usage;

/// <summary>
/// An app's usage for its developer (the portal) or an administrator: <c>/v1/apps/{clientId}/usage</c> (JSON),
/// <c>…/usage.csv</c> (the same figures as a download) and <c>…/readiness</c> (the go-live evidence), plus every app's
/// totals at <c>/v1/admin/usage</c>. The portal's developer token (<c>webhooks.manage</c>, the scope it holds for its
/// developer's apps) reaches only apps auth says are theirs; someone else's is 404 as if it did not exist.
/// </summary>
internal static class UsageEndpoints
{
    public static RouteGroupBuilder MapUsage(this RouteGroupBuilder v1)
    {
        var app = v1.MapGroup("/apps/{clientId}").RequireScope(ApiScopes.WebhooksManage).WithTags("Usage").AddEndpointFilter(OwnerOrAdmin);
        app.MapGet("/usage", GetAsync).WithName("GetAppUsage")
            .WithSummary("Calls, errors and p50/p95 latency over the last hour, day or 30 days, over time and by endpoint or status")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/usage.csv", GetCsvAsync).WithName("ExportAppUsage").WithSummary("The same usage as CSV, one row per bucket and group")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/readiness", Readiness.GetAsync).WithName("GetAppReadiness")
            .WithSummary("The evidence for going live: endpoints called, journeys completed, webhooks verified, error rate (last 30 days)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        v1.MapGet("/admin/usage", GetOverviewAsync).RequireScope(ApiScopes.WebhooksManage).WithTags("Administration").WithName("GetUsageOverview")
            .WithSummary("Every app's calls, errors and latency over a range, busiest first")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return v1;
    }

    private static async Task<Results<Ok<UsageReport>, ProblemHttpResult>> GetAsync(
        string clientId, string? range, string? groupBy, UsageStore store, TimeProvider clock, HttpContext context)
    {
        if (UsageQuery.TryParse(range, groupBy, out var errors) is not { } query)
        {
            return ValidationProblems.Result(errors, "The usage query is not valid");
        }

        var (from, to, rows) = await ReadAsync(clientId, query, store, clock, context.RequestAborted);
        return TypedResults.Ok(UsageTally.Report(clientId, query, from, to, rows));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCsvAsync(
        string clientId, string? range, string? groupBy, UsageStore store, TimeProvider clock, HttpContext context)
    {
        if (UsageQuery.TryParse(range, groupBy, out var errors) is not { } query)
        {
            return ValidationProblems.Result(errors, "The usage query is not valid");
        }

        var (_, _, rows) = await ReadAsync(clientId, query, store, clock, context.RequestAborted);
        var csv = UsageCsv.Write(UsageTally.ByBucket(query, rows));
        return TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", UsageCsv.FileName(clientId, query.Range.Name));
    }

    private static async Task<Results<Ok<UsageOverview>, ProblemHttpResult>> GetOverviewAsync(string? range, UsageStore store, TimeProvider clock, HttpContext context)
    {
        if (!IsAdmin(context))
        {
            return ProblemCatalog.AdminRequired.Result("Only a platform administrator may see every app's usage.");
        }

        if (UsageQuery.TryParse(range, null, out var errors) is not { } query)
        {
            return ValidationProblems.Result(errors, "The usage query is not valid");
        }

        var now = clock.GetUtcNow();
        var from = query.Range.From(now);
        var apps = (await store.ReadAppsAsync(from, now.AddMinutes(1), context.RequestAborted))
            .GroupBy(row => row.ClientId)
            .Select(app => new UsageOverviewApp(app.Key, app.Aggregate(new UsageTally(), (tally, row) => tally.Add(row.Row)).Figures()))
            .OrderByDescending(app => app.Figures.Calls).ThenBy(app => app.ClientId, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new UsageOverview(query.Range.Name, from, now, apps));
    }

    private static async Task<(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UsageRow> Rows)> ReadAsync(
        string clientId, UsageQuery query, UsageStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var from = query.Range.From(now);
        // The current minute's rollup is still filling: include it.
        return (from, now, await store.ReadAsync(clientId, query.Range.Bucket, from, now.AddMinutes(1), cancellationToken));
    }

    /// <summary>An administrator reads any app's usage; anyone else only their own (auth decides).</summary>
    private static ValueTask<object?> OwnerOrAdmin(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        IsAdmin(invocation.HttpContext) ? next(invocation) : AppOwner.DeveloperFilter(invocation, next);

    internal static bool IsAdmin(HttpContext context) =>
        CallerApp.PersonOf(context.User) is not null && context.User.HasClaim("role", AdminConsentsEndpoints.AdminRole);
}
