using System.Text.Json;
using Wekeza.Auth.Features.Email;
using Wekeza.ServiceDefaults.Messaging;
using Wekeza.Webhooks;

namespace Wekeza.Auth.Features.Apps;

/// <summary>
/// The workers disabled one of an app's webhook endpoints after every delivery to it failed for days: tell the app's
/// owner, the one person who can fix the receiver and turn the endpoint back on. Auth handles it because auth knows
/// who owns an app and how to reach them.
/// </summary>
internal sealed partial class WebhookEndpointDisabledHandler(IServiceScopeFactory scopes, ILogger<WebhookEndpointDisabledHandler> logger) : IEventHandler
{
    /// <summary>Long enough to outlast any redelivery, including a dead-lettered message a person sends back days later.</summary>
    internal static readonly TimeSpan RememberSentFor = TimeSpan.FromDays(30);

    public string EventType => WebhookEndpointEvents.Disabled;

    public async Task HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var disabled = JsonSerializer.Deserialize<WebhookEndpointDisabledData>(body.Span, JsonSerializerOptions.Web);
        if (disabled is not { EndpointId.Length: > 0, ClientId.Length: > 0, Url.Length: > 0 })
        {
            // A malformed event is a bug upstream: failing it sends it to the dead-letter queue for a person to read.
            throw new JsonException($"A {EventType} event without its endpoint id, client id or URL.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var found = await services.GetRequiredService<IAppOwners>().FindByClientIdAsync(disabled.ClientId, cancellationToken);
        if (found is null)
        {
            // The app was deleted after the endpoint was disabled (its endpoints go with it): nobody to tell, nothing
            // a retry would change.
            LogNoApp(disabled.EndpointId, disabled.ClientId);
            return;
        }

        if (found.Owner is not { Email.Length: > 0 } owner)
        {
            LogNoOwner(disabled.EndpointId, found.App.Id, found.App.OwnerId);
            return;
        }

        // The same disabling is the same endpoint disabled at the same moment, whichever message carries it; a later
        // disabling of the endpoint (after it was re-enabled) is news again.
        var sent = services.GetRequiredService<ISentEmails>();
        var key = $"{EventType}:{disabled.EndpointId}:{disabled.DisabledAt.ToUnixTimeMilliseconds()}";
        if (await sent.WasSentAsync(key))
        {
            LogAlreadySent(disabled.EndpointId, found.App.Id);
            return;
        }

        await services.GetRequiredService<AppEmails>().SendWebhookEndpointDisabledAsync(owner, found.App, disabled, cancellationToken);
        await sent.RecordAsync(key, RememberSentFor);
        // The endpoint's id rather than its URL (which may carry a token) and the owner's id rather than their address.
        LogSent(disabled.EndpointId, found.App.Id, owner.Id);
    }

    [LoggerMessage(LogLevel.Warning, "Webhook endpoint {EndpointId} was disabled, but no app has client id {ClientId} any more; nobody told")]
    private partial void LogNoApp(string endpointId, string clientId);

    [LoggerMessage(LogLevel.Warning, "Webhook endpoint {EndpointId} of app {AppId} was disabled, but its owner {OwnerId} has no account or email; nobody told")]
    private partial void LogNoOwner(string endpointId, string appId, string ownerId);

    [LoggerMessage(LogLevel.Information, "The owner of app {AppId} was already told that webhook endpoint {EndpointId} was disabled")]
    private partial void LogAlreadySent(string endpointId, string appId);

    [LoggerMessage(LogLevel.Information, "Told owner {OwnerId} of app {AppId} that webhook endpoint {EndpointId} was disabled")]
    private partial void LogSent(string endpointId, string appId, string ownerId);
}

internal static class AppEventServices
{
    /// <summary>Auth's queue for events about developers' apps, apart from the consent events (its own backlog and dead letters).</summary>
    public const string Queue = "auth.app-events";

    public static readonly EventSubscription Subscription = new(Queue, [WebhookEndpointEvents.Disabled]);

    /// <summary>What auth does when something happens to a developer's app elsewhere on the platform.</summary>
    public static IHostApplicationBuilder AddAppEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IAppOwners, AppOwners>();
        builder.Services.AddSingleton<ISentEmails, RedisSentEmails>();
        builder.Services.AddSingleton<IEventHandler, WebhookEndpointDisabledHandler>();
        return builder;
    }
}
