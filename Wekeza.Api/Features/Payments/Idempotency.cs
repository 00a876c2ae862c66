using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Payments;

namespace Wekeza.Api.Features.Payments;

/// <summary>
/// <c>Idempotency-Key</c>, as Stripe does it and a little further. Keys belong to the app. Inside the request's
/// database transaction the key is locked (a PostgreSQL advisory lock on app and key), so concurrent requests with one
/// key run one after another: the first does the work and records its response in the same transaction; each of the
/// others then finds that record and replays it. A request that fails leaves nothing behind (its transaction rolled
/// back), so the key can be retried. Validation failures are not recorded either: fix the request, keep the key.
/// </summary>
internal sealed class Idempotency(BankDbContext db)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>1–255 characters of letters, digits and <c>- _ . :</c>: a UUID, a ULID or "order-1234:attempt-1" all fit.</summary>
    public static bool IsWellFormed(string? key) =>
        key is { Length: > 0 and <= 255 } && key.AsSpan().IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:") < 0;

    /// <summary>SHA-256 of the operation and the request as parsed (so spacing and property order do not matter).</summary>
    public static string Fingerprint<T>(string operation, T request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + JsonSerializer.Serialize(request, JsonSerializerOptions.Web))));

    /// <summary>
    /// Waits (up to 5 s, then the request is told to retry: 409) until no other transaction holds the key, then holds
    /// it until this one ends.
    /// </summary>
    /// <exception cref="KeyBusyException">Another request with the key is still running.</exception>
    public async Task LockAsync(string clientId, string key, CancellationToken cancellationToken)
    {
        try
        {
            // One round trip: the wait limit for this transaction, then the lock.
            await db.Database.ExecuteSqlAsync(
                $"SET LOCAL lock_timeout = '5s'; SELECT pg_advisory_xact_lock(hashtextextended({LockName(clientId, key)}, 0))", cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new KeyBusyException();
        }
    }

    /// <summary>True when a request with the key is running right now (another transaction holds its lock).</summary>
    public async Task<bool> IsBusyAsync(string clientId, string key, CancellationToken cancellationToken)
    {
        var acquired = await db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtextextended({LockName(clientId, key)}, 0)) AS \"Value\"")
            .SingleAsync(cancellationToken);
        return !acquired;
    }

    /// <summary>The key's record if it is still remembered; a forgotten one is removed so the key can start afresh.</summary>
    public async Task<IdempotencyRecord?> FindAsync(string clientId, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = await db.IdempotencyRecords.SingleOrDefaultAsync(r => r.ClientId == clientId && r.Key == key, cancellationToken);
        if (record is not null && record.ExpiresAt <= now)
        {
            db.IdempotencyRecords.Remove(record);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        return record;
    }

    private static string LockName(string clientId, string key) => $"idempotency:{clientId}:{key}";

    public sealed class KeyBusyException() : Exception("Another request with this Idempotency-Key is in progress.");
}

/// <summary>A response written exactly as recorded, the first time and every replay: same status, same bytes.</summary>
internal sealed class RecordedResponse(IdempotencyRecord record, bool replayed) : IResult
{
    public Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = record.ResponseStatus;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers[Idempotency.Header] = record.Key;
        if (record.ResourceId is { } id)
        {
            context.Response.Headers.Location = $"/v1/payments/{id}";
        }

        if (replayed)
        {
            context.Response.Headers[Idempotency.ReplayedHeader] = "true";
        }

        return context.Response.WriteAsync(record.ResponseBody, context.RequestAborted);
    }
}
