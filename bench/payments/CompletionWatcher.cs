using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Wekeza.Bench;

/// <summary>A payment as bankdb has it at the end: its status and when the workers set it.</summary>
internal sealed record FinalState(string Status, string? ReasonCode, DateTimeOffset StatusUpdatedAt);

/// <summary>
/// Watches bankdb for this run's payments leaving Pending and AcceptedSettlementInProcess: every <c>interval</c> one
/// query for the app's payments still on the way (the partial index on Status covers it), so a payment is seen final at
/// most one interval (plus a query) after it committed. Polling the API instead would be a GET per payment per poll
/// through the same two cores the payments need.
/// </summary>
internal sealed class CompletionWatcher(string bankDb, string clientId, TimeSpan interval)
{
    private const string OnTheWay = "SELECT \"Id\" FROM payments WHERE \"ClientId\" = $1 AND \"Status\" IN ('Pending', 'AcceptedSettlementInProcess')";

    private readonly ConcurrentDictionary<string, long> _registered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _finished = new(StringComparer.Ordinal);

    /// <summary>Stopwatch ticks at which each payment was first seen final (only the watch loop writes it).</summary>
    public IReadOnlyDictionary<string, long> FinishedAt => _finished;

    public int Polls { get; private set; }

    /// <summary>Called with each accepted payment's id once its 202 has arrived (so its row is committed).</summary>
    public void Register(string paymentId) => _registered[paymentId] = Stopwatch.GetTimestamp();

    /// <summary>Until <paramref name="submitting"/> is over and every accepted payment is final, or <paramref name="timeout"/> after that.</summary>
    public async Task WatchAsync(Task submitting, TimeSpan timeout)
    {
        await using var connection = new NpgsqlConnection(bankDb);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(OnTheWay, connection) { Parameters = { new() { Value = clientId } } };
        await query.PrepareAsync();
        var onTheWay = new HashSet<string>(StringComparer.Ordinal);
        long? submittedBy = null;
        while (true)
        {
            var allSent = submitting.IsCompleted;
            var started = Stopwatch.GetTimestamp();
            onTheWay.Clear();
            await using (var reader = await query.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    onTheWay.Add(reader.GetString(0));
                }
            }

            var seen = Stopwatch.GetTimestamp();
            Polls++;
            foreach (var (id, registered) in _registered)
            {
                // Only payments known before the query started: the query's snapshot is sure to hold their rows.
                if (registered < started && !onTheWay.Contains(id))
                {
                    _finished.TryAdd(id, seen);
                }
            }

            if (allSent)
            {
                submittedBy ??= seen;
                if (_finished.Count == _registered.Count || Stopwatch.GetElapsedTime(submittedBy.Value) > timeout)
                {
                    return;
                }
            }

            await Task.Delay(interval);
        }
    }

    /// <summary>Every payment of the app, as it is now.</summary>
    public async Task<Dictionary<string, FinalState>> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(bankDb);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT \"Id\", \"Status\", \"ReasonCode\", \"StatusUpdatedAt\" FROM payments WHERE \"ClientId\" = $1", connection)
        {
            Parameters = { new() { Value = clientId } },
        };
        await using var reader = await query.ExecuteReaderAsync();
        var states = new Dictionary<string, FinalState>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            states[reader.GetString(0)] = new FinalState(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3));
        }

        return states;
    }
}
