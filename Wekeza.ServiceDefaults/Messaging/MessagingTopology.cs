using RabbitMQ.Client;

namespace Wekeza.ServiceDefaults.Messaging;

/// <summary>
/// A service's own work queue, the event types (routing-key patterns) bound to it, and how many of its messages one
/// replica handles at once.
/// </summary>
public sealed record EventSubscription(string Queue, IReadOnlyList<string> BindingKeys, ushort Concurrency = 1);

/// <summary>
/// The exchanges and queues the platform's integration events travel through, declared idempotently at start-up
/// (and again by the client's topology recovery after a broker restart).
/// </summary>
/// <remarks>
/// Events are published to the topic exchange <see cref="EventsExchange"/> with the event type as routing key. Each
/// consuming service has its own quorum queue (replicated, durable, poison-message aware), shared by its replicas: a
/// message that fails <see cref="DeliveryLimit"/> times, or that no handler understands, goes to the dead-letter
/// exchange and waits in the queue's <c>.dead-letter</c> queue for a person, instead of being acknowledged and lost.
/// </remarks>
public sealed class MessagingTopology(RabbitMQConnection connection, IEnumerable<EventSubscription> subscriptions)
{
    private readonly EventSubscription[] _subscriptions = [.. subscriptions];

    public MessagingTopology(RabbitMQConnection connection, EventSubscription? subscription = null)
        : this(connection, subscription is null ? [] : [subscription])
    {
    }

    public const string EventsExchange = "wekeza.events";
    public const string DeadLetterExchange = "wekeza.dead-letter";
    public const int DeliveryLimit = 5;

    private volatile bool _declared;

    public bool IsDeclared => _declared;

    public IReadOnlyList<EventSubscription> Subscriptions => _subscriptions;

    public static string DeadLetterQueueFor(string queue) => $"{queue}.dead-letter";

    public async Task DeclareAsync(CancellationToken cancellationToken)
    {
        var amqp = await connection.GetAsync(cancellationToken);
        await using var channel = await amqp.CreateChannelAsync(cancellationToken: cancellationToken);

        await channel.ExchangeDeclareAsync(EventsExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        foreach (var subscription in _subscriptions)
        {
            await DeclareWorkQueueAsync(channel, subscription, cancellationToken);
        }

        _declared = true;
    }

    private static async Task DeclareWorkQueueAsync(IChannel channel, EventSubscription subscription, CancellationToken cancellationToken)
    {
        var queue = subscription.Queue;
        var deadLetterQueue = DeadLetterQueueFor(queue);
        await channel.QueueDeclareAsync(deadLetterQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(deadLetterQueue, DeadLetterExchange, routingKey: queue, cancellationToken: cancellationToken);

        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-delivery-limit"] = DeliveryLimit,
                ["x-dead-letter-exchange"] = DeadLetterExchange,
                ["x-dead-letter-routing-key"] = queue,
            },
            cancellationToken: cancellationToken);
        foreach (var bindingKey in subscription.BindingKeys)
        {
            await channel.QueueBindAsync(queue, EventsExchange, routingKey: bindingKey, cancellationToken: cancellationToken);
        }

        // Declaring only adds bindings: a queue once bound to everything (the workers' before payments) would keep
        // receiving, and dead-lettering, events nobody here handles. Unbinding what is not there is a no-op.
        if (!subscription.BindingKeys.Contains("#"))
        {
            await channel.QueueUnbindAsync(queue, EventsExchange, routingKey: "#", cancellationToken: cancellationToken);
        }
    }
}
