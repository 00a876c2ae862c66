using System.Diagnostics;
using Microsoft.Extensions.Options;
using Wekeza.Api.Gateway.Metering;

namespace Wekeza.Api.Gateway;

/// <summary>
/// One structured line per request (category <c>Wekeza.Api.Requests</c>) and, for <c>/v1</c> calls by an app, one
/// usage record (<see cref="UsageBuffer"/>). What is logged is chosen, not filtered: the method, the route template
/// (<c>/v1/accounts/{accountId}</c>, never the path, whose ids may be a person's), the status, the latency, the app's
/// client id and tier, the interaction id and the trace id. No header, query string or body is ever logged, so
/// bearer tokens, client secrets, cookies and personal data cannot reach a log through it. ASP.NET Core's own
/// per-request lines are turned down (<see cref="GatewayPipeline.AddGateway"/>) so each request is logged once.
/// </summary>
internal sealed partial class RequestLog(RequestDelegate next, ILoggerFactory loggers, UsageBuffer buffer,
    ApiRateLimitTiers tiers, TimeProvider clock, IOptions<RequestLogOptions> logOptions, IOptions<MeteringOptions> meteringOptions)
{
    /// <summary>The log category, so its level can be set on its own (<c>Logging:LogLevel:Wekeza.Api.Requests</c>).</summary>
    public const string Category = "Wekeza.Api.Requests";

    private const string Unmatched = "(unmatched)";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    private readonly bool _log = logOptions.Value.Enabled;
    private readonly bool _meter = meteringOptions.Value.Enabled;

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            // The exception handler inside did not answer (or the response had started): the client sees a failure.
            failed = true;
            throw;
        }
        finally
        {
            Record(context, Stopwatch.GetElapsedTime(started).TotalMilliseconds, failed);
        }
    }

    private void Record(HttpContext context, double elapsedMs, bool failed)
    {
        var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        var route = RouteOf(context);
        var clientId = ApiRateLimitTiers.ClientIdOf(context);
        var tier = clientId is null ? tiers.Anonymous.Name : tiers.ForClient(clientId).Name;
        elapsedMs = Math.Round(elapsedMs, 3);

        // Probes and scrapes (every few seconds, from the AppHost and Prometheus) would drown the log; a failing one stays.
        if (_log && !(status < 400 && IsProbe(route)))
        {
            var level = status >= 500 ? LogLevel.Error : LogLevel.Information;
            Log(_logger, level, context.Request.Method, route, status, elapsedMs, clientId ?? "-", tier,
                FapiInteractionId.Of(context) ?? "-", Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
        }

        // Only what an app called under /v1, once it was known who called: anonymous refusals have no app to bill.
        if (_meter && clientId is not null && route.StartsWith("/v1", StringComparison.Ordinal))
        {
            buffer.TryAdd(new ApiCallRecord(clientId, context.Request.Method, route, status, elapsedMs, clock.GetUtcNow(), tier));
        }
    }

    private static bool IsProbe(string route) =>
        route is Extensions.HealthEndpointPath or Extensions.AlivenessEndpointPath or Extensions.MetricsEndpointPath;

    /// <summary>False when both the log and metering are switched off: then the middleware is not in the pipeline at all.</summary>
    public static bool IsWanted(IServiceProvider services) =>
        services.GetRequiredService<IOptions<RequestLogOptions>>().Value.Enabled
        || services.GetRequiredService<IOptions<MeteringOptions>>().Value.Enabled;

    /// <summary>The matched endpoint's route template, as the OpenAPI document spells it; no route, no path either.</summary>
    public static string RouteOf(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } raw })
        {
            var route = raw.Length > 1 && raw[^1] == '/' ? raw[..^1] : raw;
            return route.Length > 0 && route[0] != '/' ? "/" + route : route;
        }

        // Unmatched /v1 paths still count against the app (a 404 it caused), under one name.
        return context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) ? "/v1" + Unmatched : Unmatched;
    }

    [LoggerMessage(EventId = 1, EventName = "Request",
        Message = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs} ms; app {ClientId} ({Tier}), interaction {InteractionId}, trace {TraceId}")]
    private static partial void Log(ILogger logger, LogLevel level, string method, string route, int statusCode, double elapsedMs,
        string clientId, string tier, string interactionId, string traceId);
}

/// <summary>Section <c>RequestLogging</c>.</summary>
internal sealed class RequestLogOptions
{
    public const string Section = "RequestLogging";

    public bool Enabled { get; set; } = true;
}
