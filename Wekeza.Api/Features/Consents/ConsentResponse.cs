using Wekeza.Banking.Consents;

namespace Wekeza.Api.Features.Consents;

/// <summary>A consent as its app sees it.</summary>
public sealed record ConsentResponse(
    string ConsentId,
    string Status,
    IReadOnlyList<string> Permissions,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? TransactionFromDateTime,
    DateTimeOffset? TransactionToDateTime,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusUpdatedAt)
{
    public static ConsentResponse From(Consent consent, DateTimeOffset now) => new(
        consent.Id, consent.StatusAt(now), consent.Permissions, consent.ExpiresAt, consent.TransactionFrom, consent.TransactionTo,
        consent.CreatedAt, consent.StatusUpdatedAt);
}

public sealed record CreateConsentRequest(
    IReadOnlyList<string>? Permissions,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? TransactionFromDateTime,
    DateTimeOffset? TransactionToDateTime);
