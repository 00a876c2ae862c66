namespace Wekeza.Workers.Observability;

/// <summary>
/// A figure read in the background at most once per <see cref="MaxAge"/>, for observable gauges. Their callbacks run
/// synchronously inside a scrape: a scrape that finds the figure stale starts one read and waits for it at most
/// <see cref="Wait"/>, then answers with the last figure it has (none before the first read). A failed or slow read
/// keeps the last figure and is never thrown into the exporter.
/// </summary>
internal sealed class CachedReading<T>(Func<CancellationToken, Task<T>> read, TimeProvider clock, ILogger logger, string what) where T : class
{
    private readonly Lock _gate = new();
    private T? _value;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private Task? _reading;
    private bool _failing;

    public TimeSpan MaxAge { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one read may take before it is cancelled.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a scrape waits for a read it started.</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(1);

    public T? Current()
    {
        Task reading;
        lock (_gate)
        {
            if (_reading is null && clock.GetUtcNow() - _readAt < MaxAge)
            {
                return _value;
            }

            // Task.Run: the read must not start its synchronous part under the lock, nor on the scrape's stack.
            reading = _reading ??= Task.Run(ReadAsync);
        }

        // ReadAsync never faults, so this only ever waits.
        reading.Wait(Wait);
        lock (_gate)
        {
            return _value;
        }
    }

    private async Task ReadAsync()
    {
        T? value = null;
        try
        {
            using var timeout = new CancellationTokenSource(Timeout, clock);
            value = await read(timeout.Token);
            if (_failing)
            {
                logger.LogInformation("Reading {What} for the metrics works again", what);
            }

            _failing = false;
        }
        catch (Exception ex)
        {
            // Once per failing streak: a database away for an hour should not write a warning every five seconds.
            if (!_failing)
            {
                logger.LogWarning(ex, "Reading {What} for the metrics failed: {Reason}. The gauges keep their last values", what, ex.Message);
            }

            _failing = true;
        }
        finally
        {
            lock (_gate)
            {
                _value = value ?? _value;
                _readAt = clock.GetUtcNow();
                _reading = null;
            }
        }
    }
}
