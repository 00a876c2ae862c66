using System.Diagnostics;

namespace Wekeza.Api.Gateway;

/// <summary>
/// <c>x-fapi-interaction-id</c> (FAPI 1.0 part 1, 6.2.1.11; UK Open Banking): the id a client and the bank both
/// quote about one call. A client's own UUID is echoed so it can correlate; anything else is replaced, so a caller
/// cannot plant arbitrary text in our logs and traces.
/// </summary>
internal sealed class FapiInteractionId(RequestDelegate next, ILogger<FapiInteractionId> logger)
{
    public const string HeaderName = "x-fapi-interaction-id";
    public const string ActivityTag = "fapi.interaction_id";

    private static readonly object ItemKey = new();

    /// <summary>The id of the current call, for code that records or forwards it (audit, outgoing events).</summary>
    public static string? Of(HttpContext context) => context.Items[ItemKey] as string;

    public async Task InvokeAsync(HttpContext context)
    {
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

    private static string Resolve(Microsoft.Extensions.Primitives.StringValues values) =>
        values is [{ } value] && Guid.TryParseExact(value, "D", out _)
            ? value
            : Guid.NewGuid().ToString("D");
}
