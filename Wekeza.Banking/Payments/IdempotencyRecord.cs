namespace Wekeza.Banking.Payments;

/// <summary>
/// The first response to an app's request with one <c>Idempotency-Key</c>, kept to replay it. Written in the same
/// transaction as the payment it created, so a request that failed left no record and may be sent again as new.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>How long a key is remembered (and its response replayed) after its first use.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public required string ClientId { get; init; }

    public required string Key { get; init; }

    /// <summary>The method and path the key was first used on (<c>POST /v1/payments</c>).</summary>
    public required string Operation { get; init; }

    /// <summary>SHA-256 of the canonical request: the same key with another request is refused.</summary>
    public required string RequestHash { get; init; }

    public int ResponseStatus { get; init; }

    public required string ResponseBody { get; init; }

    public string? ResourceId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}
