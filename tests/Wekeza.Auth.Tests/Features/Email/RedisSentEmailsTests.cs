using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Wekeza.Auth.Features.Email;

namespace Wekeza.Auth.Tests.Features.Email;

public sealed class RedisSentEmailsTests
{
    [Fact]
    public async Task A_sent_email_is_remembered_for_as_long_as_asked()
    {
        var (sent, database) = SentEmails((_, _) => null);

        await sent.RecordAsync("webhook-endpoint.disabled:we_1:1", TimeSpan.FromDays(30));

        var args = Assert.Single(database.CallsTo(nameof(IDatabase.StringSetAsync)));
        Assert.Equal("wekeza:auth:sent-email:webhook-endpoint.disabled:we_1:1", args[0]?.ToString());
        Assert.Equal<object?>((Expiration)TimeSpan.FromDays(30), args[2]);
    }

    [Fact]
    public async Task An_unreachable_cache_counts_as_not_sent_so_the_email_still_goes_out()
    {
        var down = new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connection is available.");
        var (sent, _) = SentEmails((method, _) => method switch
        {
            nameof(IDatabase.KeyExistsAsync) => Task.FromException<bool>(down),
            nameof(IDatabase.StringSetAsync) => Task.FromException<bool>(new RedisTimeoutException("Timeout", CommandStatus.Sent)),
            _ => null,
        });

        Assert.False(await sent.WasSentAsync("key"));
        await sent.RecordAsync("key", TimeSpan.FromDays(30));
    }

    private static (RedisSentEmails Sent, Fake<IDatabase> Database) SentEmails(Func<string, object?[], object?> answer)
    {
        var (database, calls) = Fake<IDatabase>.Create(answer);
        var (redis, _) = Fake<IConnectionMultiplexer>.Create((method, _) => method == nameof(IConnectionMultiplexer.GetDatabase) ? database : null);
        return (new RedisSentEmails(redis, NullLogger<RedisSentEmails>.Instance), calls);
    }
}
