using System.Text.Json;
using OpenIddict.Abstractions;
using Wekeza.Consents;
using Wekeza.ServiceDefaults.Messaging;

namespace Wekeza.Auth.Features.Consents;

/// <summary>
/// A consent that ends (revoked by anyone, expired, or a payment consent consumed by its one payment) takes its tokens
/// with it: the authorization they hang from is revoked, and with it every refresh token, so no new access token is
/// ever issued under the consent. Idempotent: the event may arrive twice.
/// </summary>
internal sealed partial class ConsentEndedHandler(string eventType, IServiceScopeFactory scopes, ILogger<ConsentEndedHandler> logger) : IEventHandler
{
    public string EventType => eventType;

    public async Task HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var consent = JsonSerializer.Deserialize<ConsentSnapshot>(body.Span, JsonSerializerOptions.Web);
        if (consent?.AuthorizationId is not { Length: > 0 } authorizationId)
        {
            // Never authorised: no tokens exist.
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        if (await authorizations.FindByIdAsync(authorizationId, cancellationToken) is { } authorization)
        {
            await authorizations.TryRevokeAsync(authorization, cancellationToken);
        }

        var revoked = await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
        LogRevoked(consent.ConsentId, authorizationId, revoked);
    }

    [LoggerMessage(LogLevel.Information, "Consent {ConsentId} ended: authorization {AuthorizationId} and {Count} tokens revoked")]
    private partial void LogRevoked(string consentId, string authorizationId, long count);
}

internal static class ConsentServices
{
    public const string Queue = "auth.consent-events";

    /// <summary>Every ending the bank announces, so a kind of ending added there (a consumed payment consent) is never left with live tokens.</summary>
    public static readonly EventSubscription Subscription = new(Queue, [.. ConsentEvents.Ended]);

    /// <summary>The consent screen's client for the bank API, and the handlers that revoke an ended consent's tokens.</summary>
    public static IHostApplicationBuilder AddConsents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ServiceToken>();
        builder.Services.AddHttpClient(ServiceToken.HttpClientName);
        builder.Services.AddHttpClient<IBankConsents, BankConsents>(BankConsents.HttpClientName, http =>
        {
            if (Uri.TryCreate(builder.Configuration[$"services:{ResourceNames.Api}:https:0"], UriKind.Absolute, out var api))
            {
                http.BaseAddress = new Uri(api.AbsoluteUri.TrimEnd('/') + "/");
            }
        });

        // Consumed on Subscription, which EventConsumers declares with auth's other queues.
        foreach (var type in Subscription.BindingKeys)
        {
            builder.Services.AddSingleton<IEventHandler>(sp =>
                new ConsentEndedHandler(type, sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<ILogger<ConsentEndedHandler>>()));
        }

        return builder;
    }
}
