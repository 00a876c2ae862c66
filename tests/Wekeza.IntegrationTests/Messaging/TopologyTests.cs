using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Wekeza.IntegrationTests.Messaging;

public sealed class TopologyTests(PlatformFixture platform)
{
    [Fact]
    public async Task Workers_declare_the_events_exchange_and_a_quorum_queue_that_dead_letters()
    {
        using var management = ManagementClient();
        var ct = TestContext.Current.CancellationToken;

        var exchange = await management.GetFromJsonAsync<JsonElement>("/api/exchanges/%2F/wekeza.events", ct);
        Assert.Equal("topic", exchange.GetProperty("type").GetString());
        Assert.True(exchange.GetProperty("durable").GetBoolean());

        var queue = await management.GetFromJsonAsync<JsonElement>("/api/queues/%2F/workers.events", ct);
        var arguments = queue.GetProperty("arguments");
        Assert.Equal("quorum", arguments.GetProperty("x-queue-type").GetString());
        Assert.Equal("wekeza.dead-letter", arguments.GetProperty("x-dead-letter-exchange").GetString());

        // The management API's counters lag by a stats interval; AMQP answers with the live consumer count.
        var factory = new ConnectionFactory { Uri = new Uri(platform.App.GetConnectionString("messaging")) };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var declared = await channel.QueueDeclarePassiveAsync("workers.events", ct);
        Assert.True(declared.ConsumerCount >= 1, "the workers consume the queue");
    }

    [Fact]
    public async Task A_message_the_workers_receive_but_cannot_handle_is_dead_lettered_not_lost()
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = new ConnectionFactory { Uri = new Uri(platform.App.GetConnectionString("messaging")) };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var messageId = Guid.NewGuid().ToString();

        // Routed to the workers' queue (a consent event's key) but of a type no handler knows.
        await channel.BasicPublishAsync("wekeza.events", "consent.revoked", mandatory: true,
            new BasicProperties { MessageId = messageId, Type = "test.nobody-handles-this", Persistent = true },
            Encoding.UTF8.GetBytes("{}"), ct);

        BasicGetResult? deadLettered = null;
        for (var attempt = 0; attempt < 100 && deadLettered?.BasicProperties.MessageId != messageId; attempt++)
        {
            deadLettered = await channel.BasicGetAsync("workers.events.dead-letter", autoAck: true, ct);
            if (deadLettered is null)
            {
                await Task.Delay(100, ct);
            }
        }

        Assert.NotNull(deadLettered);
        Assert.Equal(messageId, deadLettered.BasicProperties.MessageId);
    }

    private HttpClient ManagementClient()
    {
        var password = new Uri(platform.App.GetConnectionString("messaging")).UserInfo.Split(':')[1];
        var client = new HttpClient { BaseAddress = new Uri(platform.App.GetEndpoint("messaging-management")) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"wekeza:{password}")));
        return client;
    }
}
