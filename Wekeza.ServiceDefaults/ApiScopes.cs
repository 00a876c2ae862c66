namespace Wekeza;

/// <summary>
/// The Open Banking API's OAuth scopes: auth grants them (its scope catalog), the API requires them (each is also the
/// name of the policy that checks it). One spelling for both.
/// </summary>
public static class ApiScopes
{
    public const string AccountsRead = "accounts.read";
    public const string TransactionsRead = "transactions.read";
    public const string PaymentsWrite = "payments.write";

    /// <summary>A person's own consents (the portal's "My consents"), and an administrator's lookup of anyone's.</summary>
    public const string ConsentsManage = "consents.manage";

    /// <summary>A developer managing their apps' webhook endpoints, deliveries and events (the portal).</summary>
    public const string WebhooksManage = "webhooks.manage";

    /// <summary>A developer driving their sandbox apps' sandbox (controls, clock, reset) from the portal.</summary>
    public const string SandboxManage = "sandbox.manage";

    /// <summary>Auth's consent screen reading and deciding consents for the signed-in customer: auth's service client only.</summary>
    public const string ConsentsAuthorise = "consents.authorise";

    /// <summary>The scopes a developer's app may be granted.</summary>
    public static readonly IReadOnlyList<string> ForApps = [AccountsRead, TransactionsRead, PaymentsWrite];

    /// <summary>Every scope whose audience is the API.</summary>
    public static readonly IReadOnlyList<string> All = [.. ForApps, ConsentsManage, WebhooksManage, SandboxManage, ConsentsAuthorise];
}
