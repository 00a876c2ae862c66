using Wekeza.Auth.Features.Apps;
using Wekeza.Auth.Features.Consents;
using Wekeza.ServiceDefaults.Messaging;

namespace Wekeza.Auth.Server;

/// <summary>
/// The integration events auth consumes, a queue per feature (each its own backlog and dead-letter queue), declared
/// in one place: the broker client is added once per process. Only where a broker is configured; the features
/// register their handlers either way, inert without a consumer.
/// </summary>
/// <remarks>
/// Calling <c>AddEventConsumer</c> once per subscription relies on it giving each subscription its own consumer.
/// </remarks>
internal static class EventConsumers
{
    public static IReadOnlyList<EventSubscription> Subscriptions => [ConsentServices.Subscription, AppEventServices.Subscription];

    public static IHostApplicationBuilder AddEventConsumers(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString(ResourceNames.Messaging) is null)
        {
            return builder;
        }

        builder.AddRabbitMQClient(ResourceNames.Messaging);
        foreach (var subscription in Subscriptions)
        {
            builder.AddEventConsumer(subscription);
        }

        return builder;
    }
}
