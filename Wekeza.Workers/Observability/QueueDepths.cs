using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Wekeza.ServiceDefaults.Messaging;

namespace Wekeza.Workers.Observability;

/// <summary>
/// The ready messages in each of the workers' queues and their dead-letter queues, by passive declare (which changes
/// nothing). A queue that cannot be read is left out of the answer; nothing here throws.
/// </summary>
internal sealed class QueueDepths(RabbitMQConnection rabbit, MessagingTopology topology, ILogger<QueueDepths> logger)
{
    public IEnumerable<string> Queues =>
        topology.Subscriptions.SelectMany(subscription => new[] { subscription.Queue, MessagingTopology.DeadLetterQueueFor(subscription.Queue) });

    public async Task<IReadOnlyDictionary<string, long>> ReadAsync(CancellationToken cancellationToken)
    {
        var depths = new Dictionary<string, long>(StringComparer.Ordinal);
        IChannel? channel = null;
        try
        {
            var connection = await rabbit.GetAsync(cancellationToken);
            foreach (var queue in Queues)
            {
                channel ??= await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                try
                {
                    depths[queue] = (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
                }
                catch (OperationInterruptedException ex)
                {
                    // Not declared yet (the broker closes the channel for that): the next queue gets a fresh channel.
                    logger.LogDebug(ex, "Queue {Queue} could not be read for the metrics", queue);
                    await channel.DisposeAsync();
                    channel = null;
                }
            }
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Reading the queues for the metrics failed: {Reason}", ex.Message);
        }
        finally
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }
        }

        return depths;
    }
}
