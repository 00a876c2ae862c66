using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Wekeza.Api.Gateway.Metering;

/// <summary>
/// Moves metered calls from <see cref="UsageBuffer"/> to bankdb's <c>api_calls</c> every
/// <see cref="MeteringOptions.FlushInterval"/>, with binary COPY in batches of <see cref="MeteringOptions.BatchSize"/>:
/// one round trip per batch, none per request. On a graceful stop it flushes what is left. A batch the database
/// refuses is dropped and counted rather than retried forever, so an outage cannot grow the API's memory.
/// </summary>
internal sealed class UsageWriter(UsageBuffer buffer, NpgsqlDataSource bank, IOptions<MeteringOptions> options, ILogger<UsageWriter> logger)
    : BackgroundService
{
    private const string Copy = """
        COPY api_calls ("ClientId", "Method", "Route", "Status", "DurationMs", "OccurredAt", "Tier", "RolledUp") FROM STDIN (FORMAT BINARY)
        """;

    private long _reportedDrops;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Not cancelled by the stop: a batch already taken from the buffer is written, not lost mid-COPY.
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync flushes the rest.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        buffer.Complete();
        // The host's shutdown timeout bounds this; requests still finishing may add a few more records meanwhile.
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes everything buffered now; returns how many records reached the database.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        var batch = new List<ApiCallRecord>(Math.Min(options.Value.BatchSize, 1024));
        while (true)
        {
            batch.Clear();
            while (batch.Count < options.Value.BatchSize && buffer.Reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            if (batch.Count == 0)
            {
                break;
            }

            try
            {
                await WriteAsync(batch, cancellationToken);
                written += batch.Count;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                logger.LogWarning(ex, "Could not write {Count} usage record(s) to bankdb; they are dropped", batch.Count);
                break;
            }
        }

        ReportDrops();
        return written;
    }

    private async Task WriteAsync(List<ApiCallRecord> batch, CancellationToken cancellationToken)
    {
        await using var connection = await bank.OpenConnectionAsync(cancellationToken);
        await using var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        foreach (var call in batch)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(call.ClientId, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(call.Method, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(call.Route, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(call.Status, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(call.DurationMs, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(call.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(call.Tier, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private void ReportDrops()
    {
        var dropped = buffer.Dropped;
        if (dropped != _reportedDrops)
        {
            logger.LogWarning("The metering buffer was full: {Dropped} usage record(s) dropped since the last report ({Total} in all)",
                dropped - _reportedDrops, dropped);
            _reportedDrops = dropped;
        }
    }
}
