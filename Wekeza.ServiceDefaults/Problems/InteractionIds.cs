using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Wekeza.ServiceDefaults;

/// <summary>
/// <c>x-fapi-interaction-id</c> (FAPI 1.0 part 1, 6.2.1.11; UK Open Banking): the id a client and the platform both
/// quote about one call, on every response of every service and in every problem's <c>interactionId</c>. A client's own
/// UUID is echoed so it can correlate; anything else is replaced, so a caller cannot plant arbitrary text in our logs.
/// </summary>
public static class InteractionIds
{
    public const string HeaderName = "x-fapi-interaction-id";
    public const string ActivityTag = "fapi.interaction_id";

    private static readonly object ItemKey = new();

    /// <summary>The id of the current call (null before the middleware ran).</summary>
    public static string? Of(HttpContext context) => context.Items[ItemKey] as string;

    /// <summary>Resolves the call's id once (a second pass is a no-op), puts it on the response and in the log scope.</summary>
    public static async Task RunAsync(HttpContext context, RequestDelegate next, ILogger logger)
    {
        if (Of(context) is not null)
        {
            await next(context);
            return;
        }

        var id = Resolve(context.Request.Headers[HeaderName]);
        context.Items[ItemKey] = id;
        Activity.Current?.SetTag(ActivityTag, id);

        // Set when the response starts rather than now: the exception handler clears the headers of a failed
        // response before it writes the problem, and the id belongs on errors most of all.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = id;
            return Task.CompletedTask;
        });

        using (logger.BeginScope(new Dictionary<string, object> { ["FapiInteractionId"] = id }))
        {
            await next(context);
        }
    }

    private static string Resolve(StringValues values) =>
        values is [{ } value] && Guid.TryParseExact(value, "D", out _)
            ? value
            : Guid.NewGuid().ToString("D");
}

/// <summary>The middleware form of <see cref="InteractionIds"/>, for services without a gateway of their own.</summary>
internal sealed class InteractionIdMiddleware(RequestDelegate next, ILogger<InteractionIdMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context) => InteractionIds.RunAsync(context, next, logger);
}
