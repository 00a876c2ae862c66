using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Wekeza.ServiceDefaults.Messaging;

/// <summary>
/// The one AMQP connection a process shares. Opened on first use rather than at start-up, so a service starts (and
/// reports itself unready) while the broker is down; once open, the client's automatic recovery keeps it so.
/// </summary>
public sealed class RabbitMQConnection(IConnectionFactory factory, ILogger<RabbitMQConnection> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                _connection = await factory.CreateConnectionAsync(cancellationToken);
                logger.LogInformation("Connected to RabbitMQ at {Endpoint}", _connection.Endpoint);
            }

            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.CloseAsync();
            _connection.Dispose();
        }

        _gate.Dispose();
    }
}
