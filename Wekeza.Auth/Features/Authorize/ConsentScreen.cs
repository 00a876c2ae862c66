using Wekeza.Consents;
using Wekeza.Auth.Features.Consents;
using Wekeza.Auth.Server;

namespace Wekeza.Auth.Features.Authorize;

/// <summary>What the consent screen shows and posts back.</summary>
public sealed record ConsentScreen(
    string ApplicationName,
    IReadOnlyList<ScopeCatalog.Entry> Scopes,
    ConsentScreenData? Consent,
    string? Problem,
    IReadOnlyList<KeyValuePair<string, string>> RequestParameters,
    IReadOnlyCollection<string> SelectedAccounts,
    TimeSpan Timeout)
{
    /// <summary><c>Auth:ConsentScreen:Timeout</c>: how long the screen waits for an answer before sending the customer back.</summary>
    public const string TimeoutKey = "Auth:ConsentScreen:Timeout";

    /// <summary>Form fields that are the screen's own, not the authorization request's.</summary>
    public static readonly IReadOnlySet<string> OwnFields = new HashSet<string>(StringComparer.Ordinal) { "decision", "account", "__RequestVerificationToken" };

    public static ConsentScreen For(AuthorizationDecision.AskConsent ask, IReadOnlyList<KeyValuePair<string, string>> parameters,
        IReadOnlyCollection<string> selected, TimeSpan timeout) =>
        new(ask.ApplicationName, [.. ask.Scopes.Select(ScopeCatalog.Find).OfType<ScopeCatalog.Entry>()], ask.Consent, ask.Problem,
            [.. parameters.Where(p => !OwnFields.Contains(p.Key))], selected, timeout);

    /// <summary>A consent permission in the customer's words.</summary>
    public static string Describe(string permission) => permission switch
    {
        ConsentPermissions.ReadAccounts => "Your account details: name, number, type and currency",
        ConsentPermissions.ReadBalances => "Your account balances",
        ConsentPermissions.ReadTransactions => "Your transactions: amounts, dates, descriptions and who paid or was paid",
        _ => permission,
    };
}
