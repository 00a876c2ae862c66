using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wekeza.Api.Gateway;
using Wekeza.Api.Gateway.Metering;

namespace Wekeza.Api.Tests.Gateway;

/// <summary>
/// The gateway's one line per request: its fields, what it never contains (tokens, secrets, paths, query strings),
/// that ASP.NET Core's own request lines do not repeat it, and the usage record the same call leaves for metering.
/// </summary>
public sealed class RequestLogTests : IDisposable
{
    private const string ClientSecret = "s3cr3t-client-secret-never-logged";
    private const string AccountId = "acc_7f3d2c1b0a99";

    private readonly ApiFactory _factory = new();
    private readonly CapturingLoggerProvider _logs = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public RequestLogTests()
    {
        // Even when someone turns ASP.NET Core's logs up, its per-request lines stay quiet.
        _factory.Settings["Logging:LogLevel:Default"] = "Debug";
        _factory.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";
        // The writer would empty the buffer (into a database these tests do not have) before the test reads it.
        _factory.Settings["Metering:FlushInterval"] = "01:00:00";
    }

    [Fact]
    public async Task A_call_is_one_line_with_app_route_template_method_status_latency_interaction_trace_and_tier()
    {
        using var app = Create();
        var interactionId = Guid.NewGuid().ToString();
        // A token without accounts.read: the call is answered 403 before any database is needed.
        var token = TestTokens.Create(_factory, scope: ApiScopes.PaymentsWrite, clientId: "sbx_budget", subject: "sbx_budget");

        using var response = await SendAsync(app, HttpMethod.Get, $"/v1/accounts/{AccountId}/transactions?client_secret={ClientSecret}", token, interactionId);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var line = Assert.Single(RequestLines());
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("GET", line.Fields["Method"]);
        Assert.Equal("/v1/accounts/{accountId}/transactions", line.Fields["Route"]);
        Assert.Equal(403, line.Fields["StatusCode"]);
        Assert.InRange((double)line.Fields["ElapsedMs"]!, 0, 30_000);
        Assert.Equal("sbx_budget", line.Fields["ClientId"]);
        Assert.Equal("Sandbox", line.Fields["Tier"]);
        Assert.Equal(interactionId, line.Fields["InteractionId"]);
        Assert.Matches("^[0-9a-f]{32}$", (string)line.Fields["TraceId"]!);
        // The path's account id (a person's) and the query string are not in it.
        Assert.DoesNotContain(AccountId, line.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_bearer_token_client_secret_or_body_reaches_any_log_line()
    {
        using var app = Create();
        var token = TestTokens.Create(_factory, clientId: "sbx_budget", subject: "sbx_budget");

        using var withToken = await SendAsync(app, HttpMethod.Get, $"/v1/accounts?client_secret={ClientSecret}", token);
        using var rejected = await SendAsync(app, HttpMethod.Post, "/v1/consents", token + "tampered",
            body: $"{{\"client_secret\":\"{ClientSecret}\"}}", cookie: $"sbx_budget:{ClientSecret}");
        using var failed = await SendAsync(app, HttpMethod.Get, ThrowingRouteStartupFilter.Path, token);

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(3, RequestLines().Count);
        Assert.NotEmpty(_logs.Entries);
        foreach (var entry in _logs.Entries)
        {
            Assert.DoesNotContain(token[^40..], entry.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain(ClientSecret, entry.AllText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Failures_log_at_error_and_unauthenticated_calls_name_no_app()
    {
        using var app = Create();

        using var anonymous = await SendAsync(app, HttpMethod.Get, "/v1/accounts", bearer: null);
        using var failed = await SendAsync(app, HttpMethod.Get, ThrowingRouteStartupFilter.Path, bearer: null);

        var lines = RequestLines();
        Assert.Equal(2, lines.Count);
        Assert.Equal((401, "-", "Anonymous", LogLevel.Information), (lines[0].Fields["StatusCode"], lines[0].Fields["ClientId"], lines[0].Fields["Tier"], lines[0].Level));
        Assert.Equal((500, "(unmatched)", LogLevel.Error), (lines[1].Fields["StatusCode"], lines[1].Fields["Route"], lines[1].Level));
    }

    [Fact]
    public async Task AspNetCores_own_request_lines_are_quiet()
    {
        using var app = Create();

        using var response = await SendAsync(app, HttpMethod.Get, "/v1/accounts", bearer: null);

        Assert.Single(RequestLines());
        Assert.DoesNotContain(_logs.Entries, entry => entry.Level < LogLevel.Warning
            && (entry.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)
                || entry.Category.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Answered_probes_and_scrapes_leave_no_line_between_the_calls_that_do()
    {
        using var app = Create();

        using var alive = await SendAsync(app, HttpMethod.Get, "/alive", bearer: null);
        using var metrics = await SendAsync(app, HttpMethod.Get, "/metrics", bearer: null);
        using var call = await SendAsync(app, HttpMethod.Get, "/v1/accounts", bearer: null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (alive.StatusCode, metrics.StatusCode));
        Assert.Equal("/v1/accounts", Assert.Single(RequestLines()).Fields["Route"]);
    }

    [Fact]
    public async Task A_v1_call_by_an_app_leaves_one_usage_record_and_anonymous_or_infrastructure_calls_none()
    {
        using var app = Create();
        var token = TestTokens.Create(_factory, scope: ApiScopes.PaymentsWrite, clientId: "live_ledgerly", subject: "live_ledgerly");

        using var metered = await SendAsync(app, HttpMethod.Get, $"/v1/accounts/{AccountId}", token);
        using var anonymous = await SendAsync(app, HttpMethod.Get, "/v1/accounts", bearer: null);
        using var health = await SendAsync(app, HttpMethod.Get, "/openapi/v1.json", token);

        var buffer = app.Services.GetRequiredService<UsageBuffer>();
        Assert.True(buffer.Reader.TryRead(out var record));
        Assert.False(buffer.Reader.TryRead(out _));
        Assert.Equal(("live_ledgerly", "GET", "/v1/accounts/{accountId}", 403, "Production"),
            (record.ClientId, record.Method, record.Route, record.Status, record.Tier));
        Assert.InRange(record.OccurredAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Switched_off_by_configuration_nothing_is_logged_or_metered()
    {
        _factory.Settings["Metering:Enabled"] = "false";
        _factory.Settings["RequestLogging:Enabled"] = "false";
        using var app = Create();
        var token = TestTokens.Create(_factory, scope: ApiScopes.PaymentsWrite, clientId: "sbx_budget", subject: "sbx_budget");

        using var response = await SendAsync(app, HttpMethod.Get, "/v1/accounts", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(RequestLines());
        Assert.False(app.Services.GetRequiredService<UsageBuffer>().Reader.TryRead(out _));
    }

    public void Dispose() => _factory.Dispose();

    private List<CapturingLoggerProvider.Entry> RequestLines() =>
        [.. _logs.Entries.Where(entry => entry.Category == RequestLog.Category)];

    private static async Task<HttpResponseMessage> SendAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, HttpMethod method, string path,
        string? bearer, string? interactionId = null, string? body = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        }

        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", "session=" + cookie);
        }

        if (interactionId is not null)
        {
            request.Headers.TryAddWithoutValidation("x-fapi-interaction-id", interactionId);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return await app.CreateClient().SendAsync(request, Cancel);
    }

    /// <summary>The app with the capturing provider added to its logging.</summary>
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Create() =>
        _factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(_logs)));
}
