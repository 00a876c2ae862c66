using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wekeza.Banking.Consents;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Webhooks;
using Wekeza.Payments;
using Wekeza.ServiceDefaults;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Api.Features.Usage;

/// <summary>
/// <c>GET /v1/apps/{clientId}/readiness[?scopes=accounts.read payments.write]</c>: the <see cref="AppReadiness"/> an
/// administrator reviews before taking the app live, measured from the last 30 days of metered calls and from bankdb
/// (consents a customer authorised for the app, its completed payments, its webhook deliveries). <c>scopes</c> are
/// the scopes the app wants in production: they decide which checks are required (payment_journey only for
/// <c>payments.write</c>); without them every journey but payments is required.
/// </summary>
internal static class Readiness
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(30);

    /// <summary>Above this share of 4xx/5xx answers the error-rate check fails (advisory).</summary>
    public const decimal ErrorRateThreshold = 0.05m;

    private const string Endpoints = """
        SELECT "Method", "Route", "Status", sum("Calls")::bigint, max("Minute")
        FROM api_usage_minutes WHERE "ClientId" = @client AND "Minute" >= @since
        GROUP BY 1, 2, 3
        """;

    public static async Task<Results<Ok<AppReadiness>, ProblemHttpResult>> GetAsync(
        string clientId, string? scopes, NpgsqlDataSource bank, BankDbContext db, TimeProvider clock, HttpContext context)
    {
        if (!TryParseScopes(scopes, out var wanted, out var error))
        {
            return ValidationProblems.Result(new() { ["scopes"] = [error] }, "The readiness query is not valid");
        }

        var cancel = context.RequestAborted;
        var now = clock.GetUtcNow();
        var since = now - Period;
        var calls = await ReadCallsAsync(bank, clientId, since, cancel);
        var consents = await db.Consents.CountAsync(c => c.ClientId == clientId && c.Events.Any(e => e.Type == ConsentEventTypes.Authorised), cancel);
        var payments = await db.Payments.CountAsync(p => p.ClientId == clientId && p.Status == PaymentStatuses.Completed, cancel);
        var endpoints = await db.WebhookEndpoints.CountAsync(e => e.ClientId == clientId, cancel);
        var delivered = await db.WebhookDeliveries.LongCountAsync(d => d.ClientId == clientId && d.Status == WebhookDeliveryStatuses.Succeeded, cancel);
        return TypedResults.Ok(Build(clientId, now, since, wanted, calls, consents, payments, endpoints, delivered));
    }

    /// <summary>The report from the figures: the checks' rules, apart from any database.</summary>
    public static AppReadiness Build(string clientId, DateTimeOffset now, DateTimeOffset since, IReadOnlySet<string>? wanted,
        IReadOnlyList<(string Method, string Route, int Status, long Calls, DateTimeOffset LastMinute)> calls,
        int consents, int payments, int webhookEndpoints, long delivered)
    {
        var successes = calls.Where(c => c.Status is >= 200 and < 300)
            .GroupBy(c => (c.Method, c.Route))
            .Select(g => new EndpointEvidence(g.Key.Method, g.Key.Route, g.Sum(c => c.Calls), g.Max(c => c.LastMinute)))
            .OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();
        var total = calls.Sum(c => c.Calls);
        var clientErrors = calls.Where(c => c.Status is >= 400 and < 500).Sum(c => c.Calls);
        var serverErrors = calls.Where(c => c.Status >= 500).Sum(c => c.Calls);
        var errorRate = total == 0 ? 0 : Math.Round((decimal)(clientErrors + serverErrors) / total, 4);

        bool Wants(params string[] scopes) => wanted is null || scopes.Any(wanted.Contains);
        var reads = successes.Where(e => e.Method == "GET" && e.Route.StartsWith("/v1/accounts", StringComparison.Ordinal)).ToList();
        var percent = (errorRate * 100).ToString("0.##", CultureInfo.InvariantCulture);
        var threshold = (ErrorRateThreshold * 100).ToString("0.##", CultureInfo.InvariantCulture);
        ReadinessCheck[] checks =
        [
            new("accounts_read", "Reads accounts", reads.Count > 0, Wants(ApiScopes.AccountsRead, ApiScopes.TransactionsRead),
                reads.Count > 0
                    ? $"{reads.Sum(e => e.SuccessfulCalls)} successful call(s) to {string.Join(", ", reads.Select(e => e.Route))}."
                    : "No successful GET under /v1/accounts in the last 30 days."),
            new("consent_journey", "Completes a consent journey", consents > 0, wanted is null || wanted.Count > 0,
                consents > 0 ? $"{consents} consent(s) authorised by a customer." : "No consent has been authorised by a customer yet."),
            new("payment_journey", "Completes a payment", payments > 0, wanted?.Contains(ApiScopes.PaymentsWrite) == true,
                payments > 0 ? $"{payments} payment(s) completed." : "No payment has completed yet."),
            new("webhook_verified", "Receives webhooks", delivered > 0, false,
                delivered > 0 ? $"{delivered} delivery(ies) acknowledged with a 2xx by {webhookEndpoints} endpoint(s)."
                : webhookEndpoints > 0 ? $"{webhookEndpoints} endpoint(s), but no delivery acknowledged yet." : "No webhook endpoint."),
            new("error_rate", $"Error rate under {threshold} %", total > 0 && errorRate < ErrorRateThreshold, false,
                total > 0 ? $"{percent} % of {total} call(s) answered 4xx or 5xx ({clientErrors} 4xx, {serverErrors} 5xx)."
                : "No calls in the last 30 days."),
        ];

        return new AppReadiness(clientId, now, since, successes, total, clientErrors, serverErrors, errorRate,
            consents, payments, webhookEndpoints, delivered, checks);
    }

    /// <summary>Scopes an app may hold, separated by spaces or commas; null when none were given.</summary>
    public static bool TryParseScopes(string? value, out IReadOnlySet<string>? scopes, out string error)
    {
        scopes = null;
        error = "";
        if (value is null)
        {
            return true;
        }

        var parts = value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.FirstOrDefault(part => !ApiScopes.ForApps.Contains(part)) is { } unknown)
        {
            error = $"'{unknown}' is not a scope an app may hold: use {string.Join(", ", ApiScopes.ForApps)}.";
            return false;
        }

        scopes = parts.ToHashSet(StringComparer.Ordinal);
        return true;
    }

    private static async Task<List<(string, string, int, long, DateTimeOffset)>> ReadCallsAsync(
        NpgsqlDataSource bank, string clientId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = bank.CreateCommand(Endpoints);
        command.Parameters.AddWithValue("client", clientId);
        command.Parameters.AddWithValue("since", since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, string, int, long, DateTimeOffset)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return rows;
    }
}
