using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Gateway;

/// <summary>
/// <c>x-fapi-interaction-id</c>, outermost in the gateway so even a crash carries it. The id itself, and what is done
/// with it, are every service's (<see cref="InteractionIds"/>): it is in every problem's <c>interactionId</c> too.
/// </summary>
internal sealed class FapiInteractionId(RequestDelegate next, ILogger<FapiInteractionId> logger)
{
    public const string HeaderName = InteractionIds.HeaderName;
    public const string ActivityTag = InteractionIds.ActivityTag;

    /// <summary>The id of the current call, for code that records or forwards it (audit, outgoing events).</summary>
    public static string? Of(HttpContext context) => InteractionIds.Of(context);

    public Task InvokeAsync(HttpContext context) => InteractionIds.RunAsync(context, next, logger);
}
