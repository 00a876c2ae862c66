using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Wekeza.ServiceDefaults.Messaging;

/// <summary>Handles one integration event type. Must be idempotent: delivery is at least once.</summary>
public interface IEventHandler
{
    string EventType { get; }

    /// <summary>
    /// The queue whose messages of <see cref="EventType"/> this handles, when a service consumes one event type on
    /// two queues for two purposes (the workers: consent events refresh the cache on one, feed webhooks on another).
    /// Null: any queue of the service bound to the type.
    /// </summary>
    string? Queue => null;

    Task HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    /// <summary>The event with what its message says about it; handlers that need only the body need not override this.</summary>
    Task HandleAsync(IncomingEvent message, CancellationToken cancellationToken) => HandleAsync(message.Body, cancellationToken);
}

/// <summary>
/// An integration event as it arrived: the outbox message's id (the message id, the same on every redelivery), its
/// type, the resource it is about, that resource's sequence number for events apps can receive, when it happened.
/// </summary>
public sealed record IncomingEvent(string? MessageId, string Type, string? Subject, long? Sequence, DateTimeOffset? OccurredAt, ReadOnlyMemory<byte> Body)
{
    public const string SubjectHeader = "subject";
    public const string SequenceHeader = "sequence";
    public const string OccurredAtHeader = "occurred-at";
}

public interface IEventHandlerRegistry
{
    /// <summary>The handler of <paramref name="eventType"/> on <paramref name="queue"/>: one for that queue, else one for any queue.</summary>
    IEventHandler? Find(string queue, string eventType);
}

internal sealed class EventHandlerRegistry(IEnumerable<IEventHandler> handlers) : IEventHandlerRegistry
{
    private readonly IEventHandler[] _handlers = [.. handlers];

    public IEventHandler? Find(string queue, string eventType) =>
        _handlers.FirstOrDefault(h => h.EventType == eventType && h.Queue == queue)
        ?? _handlers.FirstOrDefault(h => h.EventType == eventType && h.Queue is null);
}

public static class EventConsumerExtensions
{
    /// <summary>
    /// Consume <paramref name="queue"/>, bound to <paramref name="bindingKeys"/>, with the registered
    /// <see cref="IEventHandler"/>s. Needs <c>AddRabbitMQClient</c>. Readiness waits for the topology.
    /// </summary>
    public static IHostApplicationBuilder AddEventConsumer(this IHostApplicationBuilder builder, string queue, params string[] bindingKeys) =>
        builder.AddEventConsumer(new EventSubscription(queue, bindingKeys));

    /// <summary>
    /// May be called once per queue: each subscription gets its own consumer (its own concurrency and dead-letter
    /// queue), and one topology declares them all.
    /// </summary>
    public static IHostApplicationBuilder AddEventConsumer(this IHostApplicationBuilder builder, EventSubscription subscription)
    {
        var first = !builder.Services.Any(service => service.ServiceType == typeof(EventSubscription));
        builder.Services.AddSingleton(subscription);
        // Not AddHostedService: it adds one hosted service per implementation type, and each queue needs its own consumer.
        builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<EventConsumer>(sp, subscription));
        if (first)
        {
            builder.Services.AddSingleton(sp => new MessagingTopology(sp.GetRequiredService<RabbitMQConnection>(), sp.GetServices<EventSubscription>()));
            builder.Services.AddSingleton<IEventHandlerRegistry, EventHandlerRegistry>();
            builder.Services.AddHealthChecks().AddCheck<TopologyHealthCheck>("messaging-topology", tags: ["ready", "rabbitmq"]);
        }

        return builder;
    }
}
