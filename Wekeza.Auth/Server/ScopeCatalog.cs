using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Server;

/// <summary>
/// Every scope the server knows, with the words the consent screen uses for it and the resource server (audience)
/// a token carrying it is for. Seeded into OpenIddict's scope store, so the token endpoint derives audiences from it.
/// </summary>
public static class ScopeCatalog
{
    /// <summary>The Open Banking API: Wekeza.Api validates tokens for this audience.</summary>
    public const string ApiAudience = ApiResource.Audience;

    /// <summary>Auth's own apps-management API.</summary>
    public const string AuthAudience = "wekeza-auth";

    public const string AccountsRead = ApiScopes.AccountsRead;
    public const string TransactionsRead = ApiScopes.TransactionsRead;
    public const string PaymentsWrite = ApiScopes.PaymentsWrite;
    public const string AppsManage = "apps.manage";
    public const string ConsentsManage = ApiScopes.ConsentsManage;
    public const string WebhooksManage = ApiScopes.WebhooksManage;
    public const string SandboxManage = ApiScopes.SandboxManage;
    public const string ConsentsAuthorise = ApiScopes.ConsentsAuthorise;

    /// <summary>The scopes an account-access consent (POST /v1/consents) grants: reading a customer's data.</summary>
    public static readonly IReadOnlyList<string> ForAccountAccess = [AccountsRead, TransactionsRead];

    /// <summary>The scope a payment consent (POST /v1/payment-consents) grants: making that one payment.</summary>
    public static readonly IReadOnlyList<string> ForPayment = [PaymentsWrite];

    /// <summary>
    /// The scopes that read a customer's data or move their money: an app asking for them must name the consent it
    /// created, so the customer decides on that consent (which accounts, which payment) rather than on a scope.
    /// </summary>
    public static readonly IReadOnlyList<string> NeedConsent = [.. ForAccountAccess, .. ForPayment];

    public sealed record Entry(string Name, string DisplayName, string Description, string? Audience, bool AppsMayRequest);

    public static readonly IReadOnlyList<Entry> All =
    [
        new(Scopes.OpenId, "Sign you in", "Confirm who you are to the app.", null, AppsMayRequest: false),
        new(Scopes.Profile, "Your name", "See your name.", null, AppsMayRequest: false),
        new(Scopes.Email, "Your email address", "See your email address.", null, AppsMayRequest: false),
        new(Scopes.Roles, "Your role", "See whether you are a developer, a customer or an administrator.", null, AppsMayRequest: false),
        new(Scopes.OfflineAccess, "Stay connected", "Keep access while you are away, until you revoke it.", null, AppsMayRequest: false),
        new(AccountsRead, "Read account details and balances", "See your accounts, their details and balances.", ApiAudience, AppsMayRequest: true),
        new(TransactionsRead, "Read transactions", "See the transactions on your accounts.", ApiAudience, AppsMayRequest: true),
        new(PaymentsWrite, "Initiate payments", "Start payments from your accounts that you authorise one by one.", ApiAudience, AppsMayRequest: true),
        new(ConsentsManage, "Manage your consents", "See which apps can read your accounts, and revoke their access.", ApiAudience, AppsMayRequest: false),
        // The portal's, for a developer acting on their own apps' webhooks: an app manages its own with any API scope.
        new(WebhooksManage, "Manage your apps' webhooks", "Set up your apps' webhook endpoints, see their deliveries and read their events.", ApiAudience, AppsMayRequest: false),
        // The portal's too: an app drives its own sandbox with its own token.
        new(SandboxManage, "Drive your apps' sandboxes", "Use the sandbox controls of your sandbox apps: test transactions, events, the clock and resets.", ApiAudience, AppsMayRequest: false),
        new(ConsentsAuthorise, "Record consent decisions", "The bank's consent screen: read consents and record customers' decisions.", ApiAudience, AppsMayRequest: false),
        new(AppsManage, "Manage your apps", "Create and manage your developer apps and their credentials.", AuthAudience, AppsMayRequest: false),
    ];

    /// <summary>The API scopes a developer's app may be granted.</summary>
    public static IEnumerable<Entry> ForApps => All.Where(scope => scope.AppsMayRequest);

    public static Entry? Find(string name) => All.FirstOrDefault(scope => scope.Name == name);

    /// <summary>
    /// The audiences (resource servers) of these scopes. Read from the catalog, which is what the scope store is
    /// seeded from, rather than from authdb: the token endpoint's hot path makes no query for a constant.
    /// </summary>
    public static IEnumerable<string> AudiencesFor(IEnumerable<string> scopes) =>
        scopes.Select(Find).Select(scope => scope?.Audience).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>The OpenID Connect scopes every app with a redirect URI may also ask for during sign-in.</summary>
    public static readonly IReadOnlyList<string> SignInScopes = [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess];
}
