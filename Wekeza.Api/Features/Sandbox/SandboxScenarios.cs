using Wekeza.ServiceDefaults;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Security;
using Wekeza.Webhooks;

namespace Wekeza.Api.Features.Sandbox;

/// <summary>
/// Magic values for the failures an app must handle but cannot cause: a sandbox app's request with the header
/// <c>Wekeza-Sandbox-Scenario</c> gets that failure instead of (or, for a slow response, before) the real answer,
/// shaped exactly as the real one will be. After authentication, so a bad token is still a 401 first.
/// </summary>
internal static class SandboxScenarios
{
    public const string Header = "Wekeza-Sandbox-Scenario";
    public const string SlowResponse = "slow-response";
    public const string ServerError = "server-error";
    public const string RateLimited = "rate-limited";
    public static readonly TimeSpan SlowBy = TimeSpan.FromSeconds(3);
    private static readonly string[] Known = [SlowResponse, ServerError, RateLimited];

    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (!context.Request.Headers.TryGetValue(Header, out var values))
        {
            return await next(invocation);
        }

        var scenario = values.ToString().Trim().ToLowerInvariant();
        if (CallerApp.Of(context.User) is not { } app || !ClientEnvironments.IsSandbox(app.ClientId))
        {
            return ProblemCatalog.SandboxScenarioNotAllowed.Result($"A production app's requests are always real: remove the {Header} header.");
        }

        context.Response.Headers[Header] = scenario;
        switch (scenario)
        {
            case SlowResponse:
                await Task.Delay(SlowBy, context.RequestAborted);
                return await next(invocation);
            case ServerError:
                return ProblemCatalog.InternalError.Result($"Simulated by {Header}: {ServerError}. A real one is rare and temporary: retry with backoff, and if it persists contact support with the traceId.");
            case RateLimited:
                context.Response.Headers.RetryAfter = "1";
                // No RateLimit-Limit: the sandbox tier's limit is not this preview's to invent (issue 8 sets the tiers).
                context.Response.Headers["RateLimit-Remaining"] = "0";
                context.Response.Headers["RateLimit-Reset"] = "1";
                return ProblemCatalog.RateLimited.Result($"Simulated by {Header}: {RateLimited}. Your app sent more requests than its rate limit allows: wait for Retry-After seconds, then retry.");
            default:
                return ProblemCatalog.SandboxScenarioUnknown.Result($"'{scenario}' is not a scenario: use one of {string.Join(", ", Known)} (docs/sandbox.md, \"Magic values\").");
        }
    }
}
