using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Wekeza.Banking.CoreBanking;
using Wekeza.ServiceDefaults.Sandbox;

namespace Wekeza.Bench;

/// <summary>
/// The bench's account: Amina's (the first test customer's) KES current account with <see cref="Transactions"/>
/// transactions, each a balanced entry against the KES clearing account, booked straight into bankdb. Posting them one
/// by one through <see cref="Ledger.PostAsync"/> would take many minutes; instead the whole history is written with
/// binary COPY in one transaction, with every balance worked out here exactly as the ledger would have: the running
/// balance-after on both sides, and both accounts' booked balances equal to the sum of their postings. Done once per
/// stack; later runs find the postings and skip it.
/// </summary>
internal static class BenchAccount
{
    public const string Id = "acc_bench_100k";
    public const int Transactions = 100_000;
    private const string Currency = "KES";

    public static async Task EnsureSeededAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        if (await PostingsAsync(connection) == Transactions)
        {
            Console.WriteLine($"{Id} already holds {Transactions:N0} postings: not seeding");
            await CheckAsync(connection);
            return;
        }

        var clock = Stopwatch.StartNew();
        var history = BenchHistory.Generate(Transactions);
        var clearing = SandboxSeed.ClearingAccountId(Currency);
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            // Two benches starting at once: the second waits here, then finds the first one's postings.
            await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock(hashtext('{Id}'))");
            var existing = await PostingsAsync(connection);
            if (existing == Transactions)
            {
                return;
            }

            if (existing > 0)
            {
                throw new BenchException($"{Id} holds {existing:N0} postings, not 0 or {Transactions:N0}: something else booked on it. "
                    + "Start the stack with a fresh data folder (dotnet run --project Wekeza.AppHost -- --fresh) to seed it again.");
            }

            var customerId = await ScalarAsync<string?>(connection, "SELECT \"Id\" FROM customers WHERE \"Subject\" = @p",
                TestCustomers.All[0].Subject) ?? throw new BenchException("bankdb has no sandbox customers: is the stack seeded?");

            // As Ledger.PostAsync does: lock every account touched, in id order, and post from the balance read under the lock.
            var clearingBalance = await ScalarAsync<decimal?>(connection,
                "SELECT \"BookedBalance\" FROM accounts WHERE \"Id\" = @p FOR UPDATE", clearing)
                ?? throw new BenchException($"bankdb has no {clearing} account.");
            await using (var open = new NpgsqlCommand("""
                INSERT INTO accounts ("Id", "CustomerId", "Kind", "Currency", "Name", "Number", "Status", "OpenedAt", "BookedBalance")
                VALUES (@id, @customer, @kind, @currency, 'Bench: 100,000 transactions', '010000019001', 'active', @opened, 0)
                """, connection))
            {
                open.Parameters.AddWithValue("id", Id);
                open.Parameters.AddWithValue("customer", customerId);
                open.Parameters.AddWithValue("kind", AccountKinds.Current);
                open.Parameters.AddWithValue("currency", Currency);
                open.Parameters.AddWithValue("opened", BenchHistory.Start.AddDays(-1));
                await open.ExecuteNonQueryAsync();
            }

            // Ids from the tables' own identity sequences, so the API's later bookings never collide with these.
            var entryIds = await ReserveIdsAsync(connection, "ledger_entries", history.Count);
            var postingIds = await ReserveIdsAsync(connection, "postings", history.Count * 2);

            await using (var entries = await connection.BeginBinaryImportAsync(
                "COPY ledger_entries (\"Id\", \"BookedAt\", \"Description\", \"Reference\", \"Category\", \"Counterparty\") FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < history.Count; i++)
                {
                    var line = history[i];
                    await entries.StartRowAsync();
                    await entries.WriteAsync(entryIds[i], NpgsqlDbType.Bigint);
                    await entries.WriteAsync(line.BookedAt, NpgsqlDbType.TimestampTz);
                    await entries.WriteAsync(line.Description, NpgsqlDbType.Varchar);
                    await WriteNullableAsync(entries, line.Reference);
                    await entries.WriteAsync(line.Category, NpgsqlDbType.Varchar);
                    await WriteNullableAsync(entries, line.Counterparty);
                }

                await entries.CompleteAsync();
            }

            decimal balance = 0, clearingAfter = clearingBalance;
            await using (var postings = await connection.BeginBinaryImportAsync(
                "COPY postings (\"Id\", \"EntryId\", \"AccountId\", \"Amount\", \"Currency\", \"BookedAt\", \"BalanceAfter\") FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < history.Count; i++)
                {
                    // Each entry: the amount on the bench account, its opposite on clearing (balanced by construction).
                    var line = history[i];
                    balance += line.Amount;
                    clearingAfter -= line.Amount;
                    await WritePostingAsync(postings, postingIds[2 * i], entryIds[i], Id, line.Amount, line.BookedAt, balance);
                    await WritePostingAsync(postings, postingIds[2 * i + 1], entryIds[i], clearing, -line.Amount, line.BookedAt, clearingAfter);
                }

                await postings.CompleteAsync();
            }

            await SetBalanceAsync(connection, Id, balance);
            await SetBalanceAsync(connection, clearing, clearingAfter);
            await transaction.CommitAsync();
        }

        // Statistics for the planner: 200,000 new rows in a table that held a few thousand.
        await ExecuteAsync(connection, "ANALYZE postings; ANALYZE ledger_entries");
        Console.WriteLine($"Seeded {Id} for {TestCustomers.All[0].Name}: {Transactions:N0} transactions ({history[0].BookedAt:yyyy-MM-dd} to {history[^1].BookedAt:yyyy-MM-dd}) in {clock.Elapsed.TotalSeconds:0.0} s");
        await CheckAsync(connection);
    }

    /// <summary>The ledger's invariants on both accounts touched: booked balance = sum of postings = the newest balance-after.</summary>
    private static async Task CheckAsync(NpgsqlConnection connection)
    {
        await using var check = new NpgsqlCommand("""
            SELECT a."Id", a."BookedBalance", (SELECT coalesce(sum(p."Amount"), 0) FROM postings p WHERE p."AccountId" = a."Id"),
                   (SELECT p."BalanceAfter" FROM postings p WHERE p."AccountId" = @bench ORDER BY p."BookedAt" DESC, p."Id" DESC LIMIT 1)
            FROM accounts a WHERE a."Id" IN (@bench, @clearing) ORDER BY a."Id"
            """, connection);
        check.Parameters.AddWithValue("bench", Id);
        check.Parameters.AddWithValue("clearing", SandboxSeed.ClearingAccountId(Currency));
        await using var reader = await check.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (id, booked, sum) = (reader.GetString(0), reader.GetDecimal(1), reader.GetDecimal(2));
            if (booked != sum || (id == Id && reader.GetDecimal(3) != booked))
            {
                throw new BenchException($"{id}: booked balance {booked} but its postings sum to {sum}: the ledger is inconsistent.");
            }

            Console.WriteLine($"  {id,-24}booked {booked,18:N2} KES = sum of its postings");
        }
    }

    private static async Task<long> PostingsAsync(NpgsqlConnection connection) =>
        await ScalarAsync<long>(connection, "SELECT count(*) FROM postings WHERE \"AccountId\" = @p", Id);

    private static async Task<long[]> ReserveIdsAsync(NpgsqlConnection connection, string table, int count)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT nextval(pg_get_serial_sequence('{table}', 'Id')) FROM generate_series(1, @n)", connection);
        command.Parameters.AddWithValue("n", count);
        var ids = new List<long>(count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        // Ascending, so ids follow booking order as the ledger's own would: the keyset's tie-break stays meaningful.
        ids.Sort();
        return [.. ids];
    }

    private static async Task WritePostingAsync(NpgsqlBinaryImporter postings, long id, long entryId, string accountId, decimal amount,
        DateTimeOffset bookedAt, decimal balanceAfter)
    {
        await postings.StartRowAsync();
        await postings.WriteAsync(id, NpgsqlDbType.Bigint);
        await postings.WriteAsync(entryId, NpgsqlDbType.Bigint);
        await postings.WriteAsync(accountId, NpgsqlDbType.Varchar);
        await postings.WriteAsync(amount, NpgsqlDbType.Numeric);
        await postings.WriteAsync(Currency, NpgsqlDbType.Char);
        await postings.WriteAsync(bookedAt, NpgsqlDbType.TimestampTz);
        await postings.WriteAsync(balanceAfter, NpgsqlDbType.Numeric);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            await importer.WriteNullAsync();
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Varchar);
        }
    }

    private static async Task SetBalanceAsync(NpgsqlConnection connection, string accountId, decimal balance)
    {
        await using var command = new NpgsqlCommand("UPDATE accounts SET \"BookedBalance\" = @balance WHERE \"Id\" = @id", connection);
        command.Parameters.AddWithValue("balance", balance);
        command.Parameters.AddWithValue("id", accountId);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, object parameter)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        return await command.ExecuteScalarAsync() is T value ? value : default!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
