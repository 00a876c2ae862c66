using Wekeza.ServiceDefaults;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using System.Net.Http.Headers;
using System.Text.Json;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Security;
using Wekeza.Webhooks;

namespace Wekeza.Api.Features.Shared;

/// <summary>
/// The app whose webhooks, events or sandbox a request reads or changes. Either the app itself, with its
/// client-credentials token (<c>/v1/webhook-endpoints…</c>, <c>/v1/sandbox…</c>), or a developer with the portal's
/// token acting on an app they own (<c>/v1/apps/{clientId}/…</c>): auth is the authority on who owns which app, so
/// the API asks it, with the developer's own token, and someone else's app is 404 as if it did not exist.
/// </summary>
internal sealed record AppOwner(string ClientId)
{
    private const string ItemKey = "wekeza:app-owner";

    public bool IsSandbox => ClientEnvironments.IsSandbox(ClientId);

    public static AppOwner Of(HttpContext context) =>
        context.Items[ItemKey] as AppOwner ?? throw new InvalidOperationException("The owner filter did not run for this endpoint.");

    /// <summary>The app's own token: the owner is the token's client.</summary>
    public static ValueTask<object?> AppFilter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        if (CallerApp.Of(invocation.HttpContext.User) is not { IsActingForItself: true } app)
        {
            return ValueTask.FromResult<object?>(ProblemCatalog.AppTokenRequired.Result("Webhook endpoints, events and sandbox controls belong to an app: call with its client-credentials token, or as its developer under /v1/apps/{clientId}/…."));
        }

        invocation.HttpContext.Items[ItemKey] = new AppOwner(app.ClientId);
        return next(invocation);
    }

    /// <summary>A developer's token (scope webhooks.manage or sandbox.manage): the owner is the app in the route, if auth says it is theirs.</summary>
    public static async ValueTask<object?> DeveloperFilter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var clientId = context.Request.RouteValues["clientId"] as string ?? "";
        var ownership = context.RequestServices.GetRequiredService<AppOwnership>();
        var bearer = AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header) ? header.Parameter : null;
        switch (await ownership.CheckAsync(clientId, bearer, context.RequestAborted))
        {
            case AppOwnership.Answer.Owned:
                context.Items[ItemKey] = new AppOwner(clientId);
                return await next(invocation);
            case AppOwnership.Answer.NotOwned:
                return ProblemCatalog.AppNotFound.Result($"You have no app with client id '{clientId}'.");
            default:
                context.Response.Headers.RetryAfter = "5";
                return ProblemCatalog.AuthUnavailable.Result("The API could not reach the auth service to confirm you own this app. Retry in a few seconds.");
        }
    }
}

/// <summary>
/// Asks auth's apps API, with the developer's own token, whether they own the app with this client id. A yes is
/// remembered for that token and app for <see cref="Remember"/>, so a portal page's handful of calls costs auth one
/// lookup, not one each (an app's owner never changes; a deleted app's tokens die with it).
/// </summary>
internal sealed class AppOwnership(HttpClient http, IMemoryCache cache, ILogger<AppOwnership> logger)
{
    private static readonly TimeSpan Remember = TimeSpan.FromSeconds(30);

    public const string HttpClientName = "auth-apps";

    public enum Answer { Owned, NotOwned, Unknown }

    public async Task<Answer> CheckAsync(string clientId, string? bearer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(bearer) || string.IsNullOrEmpty(clientId))
        {
            return Answer.NotOwned;
        }

        var key = $"wekeza:app-owner:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(bearer)))}:{clientId}";
        if (cache.TryGetValue(key, out _))
        {
            return Answer.Owned;
        }

        var answer = await AskAuthAsync(clientId, bearer, cancellationToken);
        if (answer == Answer.Owned)
        {
            cache.Set(key, true, Remember);
        }

        return answer;
    }

    private async Task<Answer> AskAuthAsync(string clientId, string bearer, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/apps");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return Answer.NotOwned;
            }

            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Auth's apps API answered {Status} to an ownership check", (int)response.StatusCode);
                return Answer.Unknown;
            }

            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return body.RootElement.GetProperty("data").EnumerateArray()
                .Any(app => app.TryGetProperty("clientId", out var id) && id.GetString() == clientId)
                ? Answer.Owned : Answer.NotOwned;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Cannot reach auth's apps API for an ownership check");
            return Answer.Unknown;
        }
    }
}
