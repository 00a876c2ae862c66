using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Wekeza.ServiceDefaults.Messaging;

/// <summary>
/// Declares the topology, then consumes the service's <see cref="EventSubscription"/> queue and hands each event to
/// its handler. Acknowledges only after the handler succeeded; a failure is returned to the queue (and dead-lettered
/// by the broker after the delivery limit); an event type nobody handles is dead-lettered at once, never dropped.
/// </summary>
internal sealed partial class EventConsumer(
    RabbitMQConnection connection,
    MessagingTopology topology,
    EventSubscription subscription,
    IEventHandlerRegistry handlers,
    ILogger<EventConsumer> logger) : BackgroundService
{
    private const ushort MinimumPrefetch = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The broker may not be up yet (or may be restarting): keep trying; readiness says unhealthy meanwhile.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await topology.DeclareAsync(stoppingToken);
                var amqp = await connection.GetAsync(stoppingToken);
                // Up to Concurrency handlers at once on this channel, with twice as many messages buffered to feed them.
                var channel = await amqp.CreateChannelAsync(
                    new CreateChannelOptions(false, false, consumerDispatchConcurrency: subscription.Concurrency), stoppingToken);
                await channel.BasicQosAsync(0, Math.Max(MinimumPrefetch, (ushort)(subscription.Concurrency * 2)), global: false, stoppingToken);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery, stoppingToken);
                await channel.BasicConsumeAsync(subscription.Queue, autoAck: false, consumer, stoppingToken);
                LogConsuming(subscription.Queue);
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogBrokerUnavailable(ex);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        var eventType = delivery.BasicProperties.Type ?? delivery.RoutingKey;
        var handler = handlers.Find(subscription.Queue, eventType);
        if (handler is null)
        {
            LogNoHandler(eventType, delivery.BasicProperties.MessageId);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, cancellationToken);
            return;
        }

        try
        {
            await handler.HandleAsync(Read(eventType, delivery), cancellationToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandlerFailed(ex, eventType, delivery.BasicProperties.MessageId);
            // Back off before handing it back (1, 2, 4, 8 s by delivery count), so a dependency that is down for a
            // while (a database restart) does not burn through the delivery limit in milliseconds and dead-letter
            // work that would have succeeded a few seconds later.
            var attempt = delivery.BasicProperties.Headers?.TryGetValue("x-delivery-count", out var count) == true && count is long delivered ? delivered : 0;
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(8, Math.Pow(2, attempt))), cancellationToken);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, cancellationToken);
        }
    }

    private static IncomingEvent Read(string eventType, BasicDeliverEventArgs delivery)
    {
        var headers = delivery.BasicProperties.Headers;
        string? Text(string name) => headers?.TryGetValue(name, out var value) == true && value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;
        long? sequence = headers?.TryGetValue(IncomingEvent.SequenceHeader, out var number) == true && number is long n ? n : null;
        DateTimeOffset? occurredAt = DateTimeOffset.TryParse(Text(IncomingEvent.OccurredAtHeader), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.RoundtripKind, out var at) ? at : null;
        return new IncomingEvent(delivery.BasicProperties.MessageId, eventType, Text(IncomingEvent.SubjectHeader), sequence, occurredAt, delivery.Body);
    }

    [LoggerMessage(LogLevel.Information, "Consuming {Queue}")]
    private partial void LogConsuming(string queue);

    [LoggerMessage(LogLevel.Warning, "RabbitMQ is not available; retrying in 2 s")]
    private partial void LogBrokerUnavailable(Exception exception);

    [LoggerMessage(LogLevel.Warning, "No handler for event type {EventType} (message {MessageId}); dead-lettered")]
    private partial void LogNoHandler(string eventType, string? messageId);

    [LoggerMessage(LogLevel.Error, "Handler for {EventType} failed (message {MessageId}); returned to the queue")]
    private partial void LogHandlerFailed(Exception exception, string eventType, string? messageId);
}
