using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Wekeza.Consents;

namespace Wekeza.Bench;

/// <summary>
/// One run's events: <c>consent.revoked</c> rows committed straight into bankdb's outbox, as the API's revocation commits
/// them (the consent's <see cref="ConsentSnapshot"/> as payload, camelCase; <c>Sequence</c> 0 for the trigger to number),
/// each for a fresh consent id of the bench's app, so each row is one public event with one recipient. This skips the
/// API and the payment pipeline (~28 events/s here) to offer events at a controlled rate. Per event: when it was due,
/// and when its INSERT returned: the commit, since each is its own autocommit statement (a burst commits a batch of
/// rows per statement). That commit is the latency's zero.
/// </summary>
internal sealed class OutboxEvents
{
    private const string InsertOne = """
        INSERT INTO outbox ("Id", "Type", "Subject", "Payload", "OccurredAt", "Sequence") VALUES (@id, @type, @subject, @payload::jsonb, @occurred, 0)
        """;

    private const string InsertMany = """
        INSERT INTO outbox ("Id", "Type", "Subject", "Payload", "OccurredAt", "Sequence")
        SELECT e.id, @type, e.subject, e.payload::jsonb, e.occurred, 0 FROM unnest(@ids, @subjects, @payloads, @occurred) AS e(id, subject, payload, occurred)
        """;

    private readonly string _bankDb;
    private readonly string _clientId;

    public OutboxEvents(string bankDb, string clientId, string tag, int count)
    {
        _bankDb = bankDb;
        _clientId = clientId;
        Prefix = $"cns_wb{tag}_";
        Subjects = [.. Enumerable.Range(0, count).Select(i => Prefix + i.ToString("D6", CultureInfo.InvariantCulture))];
        Due = new long[count];
        Committed = new long[count];
    }

    /// <summary>Every subject (the consent id) starts with this: how the run finds its rows in bankdb.</summary>
    public string Prefix { get; }

    public string[] Subjects { get; }

    public int Count => Subjects.Length;

    /// <summary>Stopwatch ticks: when event i was due (rate runs), and when its INSERT returned.</summary>
    public long[] Due { get; }

    public long[] Committed { get; }

    public int IndexOf(string subject) =>
        subject.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(subject.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && i < Count ? i : -1;

    /// <summary>
    /// Event i due at start + i / rate whatever the database does (an open loop), inserted by the first free of
    /// <paramref name="connections"/> connections, each a prepared autocommit INSERT. A dedicated thread wakes about
    /// every millisecond and releases what is due; it sleeps rather than spins, as the other benches' rate runs do.
    /// </summary>
    public async Task ProduceAtRateAsync(double rate, int connections)
    {
        var inserters = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Inserter.OpenAsync(_bankDb)));
        var due = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleWriter = true });
        var loops = inserters.Select(inserter => Task.Run(async () =>
        {
            await foreach (var i in due.Reader.ReadAllAsync())
            {
                await inserter.InsertAsync(Guid.CreateVersion7(), Subjects[i], Payload(Subjects[i]));
                Committed[i] = Stopwatch.GetTimestamp();
            }
        })).ToArray();

        var interval = Stopwatch.Frequency / rate;
        var dispatcher = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            for (var next = 0; next < Count;)
            {
                var now = Stopwatch.GetTimestamp();
                for (long at; next < Count && (at = start + (long)(next * interval)) <= now; next++)
                {
                    Due[next] = at;
                    due.Writer.TryWrite(next);
                }

                if (next < Count)
                {
                    Thread.Sleep(1);
                }
            }

            due.Writer.Complete();
        })
        { IsBackground = true, Name = "event dispatcher", Priority = ThreadPriority.AboveNormal };
        dispatcher.Start();
        try
        {
            await Task.WhenAll(loops);
        }
        finally
        {
            foreach (var inserter in inserters)
            {
                await inserter.DisposeAsync();
            }
        }
    }

    /// <summary>All events at once: <paramref name="batch"/> rows per INSERT (one commit, one NOTIFY), over <paramref name="connections"/> connections.</summary>
    public async Task ProduceBurstAsync(int batch, int connections)
    {
        var batches = Channel.CreateUnbounded<int>();
        for (var first = 0; first < Count; first += batch)
        {
            batches.Writer.TryWrite(first);
        }

        batches.Writer.Complete();
        var start = Stopwatch.GetTimestamp();
        Array.Fill(Due, start);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(_bankDb);
            await connection.OpenAsync();
            await foreach (var first in batches.Reader.ReadAllAsync())
            {
                var range = Enumerable.Range(first, Math.Min(batch, Count - first)).ToArray();
                var now = DateTimeOffset.UtcNow;
                await using var insert = new NpgsqlCommand(InsertMany, connection);
                insert.Parameters.AddWithValue("type", ConsentEvents.Revoked);
                insert.Parameters.AddWithValue("ids", range.Select(_ => Guid.CreateVersion7()).ToArray());
                insert.Parameters.AddWithValue("subjects", range.Select(i => Subjects[i]).ToArray());
                insert.Parameters.AddWithValue("payloads", range.Select(i => Payload(Subjects[i])).ToArray());
                insert.Parameters.AddWithValue("occurred", range.Select(_ => now).ToArray());
                await insert.ExecuteNonQueryAsync();
                var committed = Stopwatch.GetTimestamp();
                foreach (var i in range)
                {
                    Committed[i] = committed;
                }
            }
        })));
    }

    /// <summary>What the API's revocation writes: the consent after the change. Kind account-access, never authorised (no tokens for auth to revoke).</summary>
    private string Payload(string consentId) => JsonSerializer.Serialize(new ConsentSnapshot(consentId, _clientId, CustomerSubject: null, ConsentStatuses.Revoked,
        ["ReadAccounts", "ReadBalances"], [], DateTimeOffset.UtcNow.AddDays(1), null, null, AuthorizationId: null, ConsentKinds.AccountAccess),
        JsonSerializerOptions.Web);

    /// <summary>One connection with the single-row INSERT prepared on it.</summary>
    private sealed class Inserter(NpgsqlConnection connection, NpgsqlCommand command) : IAsyncDisposable
    {
        public static async Task<Inserter> OpenAsync(string bankDb)
        {
            var connection = new NpgsqlConnection(bankDb);
            await connection.OpenAsync();
            var command = new NpgsqlCommand(InsertOne, connection);
            command.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid));
            command.Parameters.Add(new NpgsqlParameter<string>("type", NpgsqlDbType.Text) { TypedValue = ConsentEvents.Revoked });
            command.Parameters.Add(new NpgsqlParameter<string>("subject", NpgsqlDbType.Text));
            command.Parameters.Add(new NpgsqlParameter<string>("payload", NpgsqlDbType.Text));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("occurred", NpgsqlDbType.TimestampTz));
            await command.PrepareAsync();
            return new Inserter(connection, command);
        }

        public Task InsertAsync(Guid id, string subject, string payload)
        {
            ((NpgsqlParameter<Guid>)command.Parameters[0]).TypedValue = id;
            ((NpgsqlParameter<string>)command.Parameters[2]).TypedValue = subject;
            ((NpgsqlParameter<string>)command.Parameters[3]).TypedValue = payload;
            // "Now" as the API stamps OccurredAt: just before the commit. The envelope's timestamp is this, to the millisecond.
            ((NpgsqlParameter<DateTimeOffset>)command.Parameters[4]).TypedValue = DateTimeOffset.UtcNow;
            return command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await command.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
