using System.Text.Json.Serialization;

namespace Wekeza.Consents;

/// <summary>What a consent is for: reading accounts, or making one payment.</summary>
public static class ConsentKinds
{
    public const string AccountAccess = "account-access";
    public const string DomesticPayment = "domestic-payment";
}

public static class ConsentStatuses
{
    public const string AwaitingAuthorisation = "AwaitingAuthorisation";
    public const string Authorised = "Authorised";
    public const string Rejected = "Rejected";
    public const string Revoked = "Revoked";
    public const string Expired = "Expired";

    /// <summary>A single-payment consent whose payment was submitted: it has done its one job.</summary>
    public const string Consumed = "Consumed";

    /// <summary>
    /// How far along its one-way life a status is: awaiting, then authorised, then over. A consent never goes back,
    /// which is what lets every writer of the cache race the others safely.
    /// </summary>
    public static int Stage(string status) => status switch
    {
        AwaitingAuthorisation => 0,
        Authorised => 1,
        _ => 2,
    };
}

/// <summary>
/// The integration events a consent's life produces (the outbox's routing keys). Their payload is the consent's
/// <see cref="ConsentSnapshot"/> after the change.
/// </summary>
public static class ConsentEvents
{
    public const string Authorised = "consent.authorised";
    public const string Rejected = "consent.rejected";
    public const string Revoked = "consent.revoked";
    public const string Expired = "consent.expired";
    public const string Consumed = "consent.consumed";

    public static readonly IReadOnlyList<string> All = [Authorised, Rejected, Revoked, Expired, Consumed];

    /// <summary>The events after which a consent's tokens must die with it.</summary>
    public static readonly IReadOnlyList<string> Ended = [Revoked, Expired, Consumed];
}

/// <summary>
/// What the API's hot path needs to know about a consent to serve a token bound to it, and what every consent event
/// carries: the app, the customer, the status, the permissions, the accounts and the windows.
/// </summary>
public sealed record ConsentSnapshot(
    string ConsentId,
    string ClientId,
    string? CustomerSubject,
    string Status,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<string> AccountIds,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? TransactionFromDateTime,
    DateTimeOffset? TransactionToDateTime,
    string? AuthorizationId,
    string Kind = ConsentKinds.AccountAccess)
{
    [JsonIgnore]
    public int Stage => ConsentStatuses.Stage(Status);

    /// <summary>The status as of <paramref name="now"/>: an authorised consent past its expiry is expired, recorded or not.</summary>
    public string StatusAt(DateTimeOffset now) =>
        Status == ConsentStatuses.Authorised && now >= ExpiresAt ? ConsentStatuses.Expired : Status;
}

/// <summary>The access-token claim that binds a customer's token to the consent it was issued under.</summary>
public static class ConsentClaims
{
    public const string ConsentId = "consent_id";
}
