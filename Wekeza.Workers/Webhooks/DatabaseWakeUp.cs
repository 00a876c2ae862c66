using Npgsql;

namespace Wekeza.Workers.Webhooks;

/// <summary>
/// Wakes a polling loop as soon as PostgreSQL says there is work (<c>LISTEN</c> on a channel that a trigger
/// notifies when the inserting transaction commits), so work is picked up in milliseconds rather than at the next
/// poll. The poll stays as the safety net: a lost notification (the listening connection was down) costs one poll
/// interval, never the work.
/// </summary>
internal sealed class DatabaseWakeUp(NpgsqlDataSource database, string channel, ILogger logger)
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Wake the waiter now (work was made in this process).</summary>
    public void Signal()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers all the work made meanwhile.
        }
    }

    /// <summary>Returns when signalled or after <paramref name="atMost"/>.</summary>
    public Task WaitAsync(TimeSpan atMost, CancellationToken cancellationToken) =>
        _signal.WaitAsync(atMost, cancellationToken);

    /// <summary>Listens until stopped, reconnecting after a failure.</summary>
    public async Task ListenAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, _) => Signal();
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                // Work committed while we were not listening is found by the poll this signal triggers.
                Signal();
                while (!cancellationToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Listening on {Channel} failed; polling until it is back", channel);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
