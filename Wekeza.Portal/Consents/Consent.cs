using Wekeza.Consents;

namespace Wekeza.Portal.Consents;

// The bank API's consent shapes, as the portal reads them (v1/me/consents and v1/admin/consents).

/// <summary>
/// A customer's permission for an app to read some of their accounts. <see cref="AppName"/> and
/// <see cref="CustomerSubject"/> are null until a customer decides; <see cref="Events"/> only come with one consent.
/// </summary>
public sealed record Consent(
    string ConsentId,
    string ClientId,
    string? AppName,
    string? CustomerSubject,
    string Status,
    IReadOnlyList<string> Permissions,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? TransactionFromDateTime,
    DateTimeOffset? TransactionToDateTime,
    IReadOnlyList<SharedAccount> Accounts,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusUpdatedAt,
    IReadOnlyList<ConsentEvent>? Events = null,
    string Kind = ConsentKinds.AccountAccess,
    ConsentPayment? Payment = null)
{
    /// <summary>Whether there is still something to revoke: the app has access, or may be given it.</summary>
    public bool IsRevocable => Status is ConsentStatuses.Authorised or ConsentStatuses.AwaitingAuthorisation;
}

/// <summary>The one payment a payment consent allows; the amount is a decimal string.</summary>
public sealed record ConsentPayment(string Amount, string Currency, string CreditorScheme, string CreditorIdentification, string CreditorName, string Reference);

/// <summary>An account the customer shared with the app.</summary>
public sealed record SharedAccount(string AccountId, string Name, string Currency, string MaskedNumber);

/// <summary>One entry of a consent's audit trail; <see cref="Actor"/> is <c>app:…</c>, <c>customer:…</c>, <c>admin:…</c> or <c>system</c>.</summary>
public sealed record ConsentEvent(string Type, DateTimeOffset At, string Actor, string? Address, string? Detail);

/// <summary>An administrator's search: any of the filters, at least one.</summary>
public sealed record ConsentLookup(string? ConsentId, string? ClientId, string? CustomerSubject)
{
    public bool HasFilter =>
        !string.IsNullOrWhiteSpace(ConsentId) || !string.IsNullOrWhiteSpace(ClientId) || !string.IsNullOrWhiteSpace(CustomerSubject);
}
