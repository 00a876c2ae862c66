using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Wekeza.ServiceDefaults.Messaging;

/// <summary>Handles one integration event type. Must be idempotent: delivery is at least once.</summary>
public interface IEventHandler
{
    string EventType { get; }

    Task HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}

public interface IEventHandlerRegistry
{
    IEventHandler? Find(string eventType);
}

internal sealed class EventHandlerRegistry(IEnumerable<IEventHandler> handlers) : IEventHandlerRegistry
{
    private readonly Dictionary<string, IEventHandler> _byType = handlers.ToDictionary(h => h.EventType, StringComparer.Ordinal);

    public IEventHandler? Find(string eventType) => _byType.GetValueOrDefault(eventType);
}

public static class EventConsumerExtensions
{
    /// <summary>
    /// Consume <paramref name="queue"/>, bound to <paramref name="bindingKeys"/>, with the registered
    /// <see cref="IEventHandler"/>s. Needs <c>AddRabbitMQClient</c>. Readiness waits for the topology.
    /// </summary>
    public static IHostApplicationBuilder AddEventConsumer(this IHostApplicationBuilder builder, string queue, params string[] bindingKeys) =>
        builder.AddEventConsumer(new EventSubscription(queue, bindingKeys));

    public static IHostApplicationBuilder AddEventConsumer(this IHostApplicationBuilder builder, EventSubscription subscription)
    {
        builder.Services.AddSingleton(subscription);
        builder.Services.AddSingleton(sp => new MessagingTopology(sp.GetRequiredService<RabbitMQConnection>(), sp.GetRequiredService<EventSubscription>()));
        builder.Services.AddSingleton<IEventHandlerRegistry, EventHandlerRegistry>();
        builder.Services.AddHostedService<EventConsumer>();
        builder.Services.AddHealthChecks().AddCheck<TopologyHealthCheck>("messaging-topology", tags: ["ready", "rabbitmq"]);
        return builder;
    }
}
