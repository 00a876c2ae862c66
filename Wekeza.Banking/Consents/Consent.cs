using Wekeza.ServiceDefaults;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Payments;
using Wekeza.Consents;

namespace Wekeza.Banking.Consents;

/// <summary>
/// An app's intent to read a customer's accounts (account-access) or to make one payment from them
/// (domestic-payment), and its lifecycle: created by the app (AwaitingAuthorisation);
/// authorised by one customer for the accounts they pick, or rejected; revoked by either side; expired by time.
/// Every transition is recorded as an event that is appended, never changed.
/// </summary>
public sealed class Consent
{
    /// <summary>How long a consent waits for the customer before it expires unused.</summary>
    public static readonly TimeSpan AuthorisationWindow = TimeSpan.FromHours(1);

    public required string Id { get; init; }

    /// <summary>The app (OAuth client id) that created it: the only app that may see or use it.</summary>
    public required string ClientId { get; init; }

    public string Kind { get; init; } = ConsentKinds.AccountAccess;

    /// <summary>For a payment consent: the payment it allows, which the payment must match exactly.</summary>
    public PaymentInitiation? Initiation { get; init; }

    public string Status { get; private set; } = ConsentStatuses.AwaitingAuthorisation;

    public required string[] Permissions { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? TransactionFrom { get; init; }

    public DateTimeOffset? TransactionTo { get; init; }

    /// <summary>The customer (auth subject) who authorised or rejected it; nobody else ever may.</summary>
    public string? CustomerSubject { get; private set; }

    public string[] AccountIds { get; private set; } = [];

    /// <summary>The app's name as the customer saw it on the consent screen when they decided.</summary>
    public string? AppName { get; private set; }

    /// <summary>Auth's authorization that the consent's tokens hang from: revoking the consent revokes it.</summary>
    public string? AuthorizationId { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset StatusUpdatedAt { get; private set; }

    public List<ConsentEvent> Events { get; init; } = [];

    public static Consent Create(string clientId, string[] permissions, DateTimeOffset expiresAt, DateTimeOffset? from, DateTimeOffset? to,
        DateTimeOffset now, string? address)
    {
        var consent = new Consent
        {
            Id = "cns_" + Guid.CreateVersion7(now).ToString("N"),
            ClientId = clientId,
            Permissions = permissions,
            ExpiresAt = expiresAt,
            TransactionFrom = from,
            TransactionTo = to,
            CreatedAt = now,
        };
        consent.StatusUpdatedAt = now;
        consent.Record(ConsentEventTypes.Created, $"app:{clientId}", address, now);
        return consent;
    }

    /// <summary>A single-payment consent: the customer authorises this payment from one of their accounts, and it pays once.</summary>
    public static Consent CreatePayment(string clientId, PaymentInitiation initiation, DateTimeOffset expiresAt, DateTimeOffset now, string? address)
    {
        var consent = new Consent
        {
            Id = "pcn_" + Guid.CreateVersion7(now).ToString("N"),
            ClientId = clientId,
            Kind = ConsentKinds.DomesticPayment,
            Initiation = initiation,
            Permissions = [],
            ExpiresAt = expiresAt,
            CreatedAt = now,
        };
        consent.StatusUpdatedAt = now;
        consent.Record(ConsentEventTypes.Created, $"app:{clientId}", address, now,
            $"payment: {initiation.Currency} {initiation.Amount:0.##} to {initiation.CreditorName}");
        return consent;
    }

    public bool IsPayment => Kind == ConsentKinds.DomesticPayment;

    /// <summary>The status as of <paramref name="now"/>: a consent past its time is expired even before anyone records it.</summary>
    public string StatusAt(DateTimeOffset now) => Status switch
    {
        ConsentStatuses.AwaitingAuthorisation when now >= CreatedAt + AuthorisationWindow || now >= ExpiresAt => ConsentStatuses.Expired,
        ConsentStatuses.Authorised when now >= ExpiresAt => ConsentStatuses.Expired,
        var status => status,
    };

    /// <summary>Records an expiry that time has already caused; true when something changed.</summary>
    public bool ExpireIfDue(DateTimeOffset now)
    {
        if (Status is not (ConsentStatuses.AwaitingAuthorisation or ConsentStatuses.Authorised) || StatusAt(now) != ConsentStatuses.Expired)
        {
            return false;
        }

        Transition(ConsentStatuses.Expired, ConsentEventTypes.Expired, "system", null, now);
        return true;
    }

    public void Authorise(string customerSubject, IReadOnlyCollection<Account> accounts, string appName, string authorizationId,
        DateTimeOffset now, string? address)
    {
        RequireAwaiting(now);
        if (accounts.Count == 0)
        {
            throw new ConsentRuleException(ProblemCatalog.ValidationFailed, field: "accountIds", message: "Choose at least one account to share.");
        }

        if (Initiation is { } payment)
        {
            // One payment leaves one account, in the payment's currency, and the one the app named if it named one.
            if (accounts.Count != 1)
            {
                throw new ConsentRuleException(ProblemCatalog.ValidationFailed, field: "accountIds", message: "Choose the one account to pay from.");
            }

            var debtor = accounts.First();
            if (debtor.Currency != payment.Currency)
            {
                throw new ConsentRuleException(ProblemCatalog.ValidationFailed, field: "accountIds", message: $"The payment is in {payment.Currency}; pay it from a {payment.Currency} account.");
            }

            if (payment.DebtorAccountId is { } named && debtor.Id != named)
            {
                throw new ConsentRuleException(ProblemCatalog.ValidationFailed, field: "accountIds", message: "The app asked to pay from a different account.");
            }
        }

        CustomerSubject = customerSubject;
        AppName = appName;
        AuthorizationId = authorizationId;
        AccountIds = [.. accounts.Select(a => a.Id).Order(StringComparer.Ordinal)];
        Transition(ConsentStatuses.Authorised, ConsentEventTypes.Authorised, $"customer:{customerSubject}", address, now,
            $"accounts: {string.Join(", ", AccountIds)}");
    }

    public void Reject(string customerSubject, string appName, DateTimeOffset now, string? address)
    {
        RequireAwaiting(now);
        CustomerSubject = customerSubject;
        AppName = appName;
        Transition(ConsentStatuses.Rejected, ConsentEventTypes.Rejected, $"customer:{customerSubject}", address, now);
    }

    /// <summary>A payment was made under this single-payment consent, in the same transaction: it can never pay again.</summary>
    public void Consume(string paymentId, DateTimeOffset now)
    {
        ExpireIfDue(now);
        if (!IsPayment || Status != ConsentStatuses.Authorised)
        {
            throw new ConsentRuleException(ProblemCatalog.ConsentNotAuthorised, $"This consent is {Status}; a payment needs an authorised payment consent.");
        }

        Transition(ConsentStatuses.Consumed, ConsentEventTypes.Consumed, $"app:{ClientId}", null, now, $"payment: {paymentId}");
    }

    /// <summary>Revocation by the app or the customer. Revoking what is already over changes nothing.</summary>
    public bool Revoke(string actor, DateTimeOffset now, string? address)
    {
        ExpireIfDue(now);
        if (Status is not (ConsentStatuses.AwaitingAuthorisation or ConsentStatuses.Authorised))
        {
            return false;
        }

        Transition(ConsentStatuses.Revoked, ConsentEventTypes.Revoked, actor, address, now);
        return true;
    }

    /// <summary>
    /// The sandbox's "expire now" control (and its clock moving past the expiry): an open consent ends as if its time
    /// had come. One that is already over cannot expire.
    /// </summary>
    public void ExpireNow(string actor, DateTimeOffset now)
    {
        if (Status is not (ConsentStatuses.AwaitingAuthorisation or ConsentStatuses.Authorised))
        {
            throw new ConsentRuleException(ProblemCatalog.ConsentNotExpirable, $"This consent is already {Status}; only an open consent can expire.");
        }

        Transition(ConsentStatuses.Expired, ConsentEventTypes.Expired, actor, null, now);
    }

    /// <summary>The consent as the hot path and the consent events see it.</summary>
    public ConsentSnapshot Snapshot() => new(
        Id, ClientId, CustomerSubject, Status, Permissions, AccountIds, ExpiresAt, TransactionFrom, TransactionTo, AuthorizationId, Kind);

    private void RequireAwaiting(DateTimeOffset now)
    {
        ExpireIfDue(now);
        if (Status != ConsentStatuses.AwaitingAuthorisation)
        {
            throw new ConsentRuleException(ProblemCatalog.ConsentNotAwaitingAuthorisation,
                $"This consent is {Status}; only a consent awaiting authorisation can be authorised or rejected.");
        }
    }

    private void Transition(string status, string eventType, string actor, string? address, DateTimeOffset now, string? detail = null)
    {
        Status = status;
        StatusUpdatedAt = now;
        Record(eventType, actor, address, now, detail);
    }

    private void Record(string type, string actor, string? address, DateTimeOffset now, string? detail = null) =>
        Events.Add(new ConsentEvent { ConsentId = Id, Type = type, At = now, Actor = actor, Address = address, Detail = detail });
}

public static class ConsentEventTypes
{
    public const string Created = "created";
    public const string Authorised = "authorised";
    public const string Rejected = "rejected";
    public const string Revoked = "revoked";
    public const string Expired = "expired";
    public const string Consumed = "consumed";
}

/// <summary>One line of a consent's audit trail: appended, never updated or deleted.</summary>
public sealed class ConsentEvent
{
    public long Id { get; init; }

    public required string ConsentId { get; init; }

    public required string Type { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary><c>app:&lt;client id&gt;</c>, <c>customer:&lt;subject&gt;</c>, <c>admin:&lt;subject&gt;</c> or <c>system</c>.</summary>
    public required string Actor { get; init; }

    /// <summary>The IP address the request came from, when there was one.</summary>
    public string? Address { get; init; }

    public string? Detail { get; init; }
}

/// <summary>A lifecycle rule the request broke: answered with this catalog entry (about <paramref name="field"/> when set); nothing changed.</summary>
public sealed class ConsentRuleException(ProblemType type, string message, string? field = null) : Exception(message)
{
    public ProblemType Type { get; } = type;

    public string? Field { get; } = field;
}
