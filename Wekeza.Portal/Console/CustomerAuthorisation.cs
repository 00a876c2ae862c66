namespace Wekeza.Portal.Console;

/// <summary>An account the customer's token reads, from <c>GET /v1/accounts</c>.</summary>
public sealed record AuthorisedAccount(string AccountId, string? Name, string? AccountNumber, string? Currency);

/// <summary>
/// One "Authorise as…" or "Reject as…": the consent the app created, what auth answered for the test customer, and
/// (when allowed) the customer's token, which stays in this object and never leaves the circuit.
/// </summary>
public sealed class CustomerAuthorisation(TestCustomer customer, bool allow)
{
    public TestCustomer Customer => customer;

    /// <summary>Whether the customer was asked to allow (or to decline).</summary>
    public bool Allow => allow;

    public List<ConsoleStep> Steps { get; } = [];

    public string? ConsentId { get; internal set; }

    /// <summary>The consent's status as the API last said it (Authorised, Rejected…).</summary>
    public string? ConsentStatus { get; internal set; }

    /// <summary>Auth's refusal from the redirect: <c>access_denied</c> when the customer declined.</summary>
    public OAuthError? Refusal { get; internal set; }

    public IReadOnlyList<AuthorisedAccount> Accounts { get; internal set; } = [];

    /// <summary>What went wrong, in words; null when everything went as asked.</summary>
    public string? Problem { get; internal set; }

    internal TokenSet? Tokens { get; set; }

    public bool IsAuthorised => Tokens is not null;

    /// <summary>Declined as asked: auth said <c>access_denied</c>.</summary>
    public bool IsRejected => !allow && Refusal?.Error == "access_denied";

    public DateTimeOffset? TokenExpiresAt => Tokens?.ExpiresAt;

    public bool HasRefreshToken => Tokens?.RefreshToken is not null;
}
