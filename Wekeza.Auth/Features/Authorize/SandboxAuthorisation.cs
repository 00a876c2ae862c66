using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Consents;
using Wekeza.Consents;
using Wekeza.ServiceDefaults.Sandbox;
using Wekeza.Webhooks;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Features.Authorize;

/// <summary>
/// Headless authorisation for sandbox apps: an authorization request that adds <c>sandbox_customer</c> (a test
/// customer's handle or email), optionally <c>sandbox_decision</c> (<c>allow</c>, the default, or <c>deny</c>) and
/// <c>sandbox_accounts</c> (the accounts to share, comma-separated), is answered at once as if that customer had
/// signed in and made that decision on the consent screen: no session, no login page, no HTML, the usual redirect.
/// The decision goes through <see cref="AuthorizationDecision"/> like a click, so the consent is recorded, bound and
/// issued exactly as for a person; only who is acting and what they answered come from the request. Test customers
/// only, sandbox apps only (a <c>live_</c> app is refused), and switched off with <c>Sandbox:HeadlessAuthorisation</c>.
/// </summary>
public sealed class SandboxAuthorisation(AuthorizationDecision decision, UserManager<WekezaUser> users, IConfiguration configuration)
{
    public const string CustomerParameter = "sandbox_customer";
    public const string DecisionParameter = "sandbox_decision";
    public const string AccountsParameter = "sandbox_accounts";

    /// <summary><c>Sandbox:HeadlessAuthorisation</c>: whether sandbox apps may authorise as a test customer (default true).</summary>
    public const string EnabledKey = "Sandbox:HeadlessAuthorisation";

    private static readonly string[] Parameters = [CustomerParameter, DecisionParameter, AccountsParameter];

    /// <summary>
    /// Allow, sharing <see cref="AccountIds"/> or, when null, what the consent screen would share if the customer just
    /// pressed the button: every account it offers for account access, the first (the one preselected) for a payment.
    /// </summary>
    public sealed record AllowAsOffered(IReadOnlyList<string>? AccountIds) : AuthorizationDecision.Answer;

    /// <summary>Whether the request asks for headless authorisation at all (any of its parameters, even empty).</summary>
    public static bool IsAsked(OpenIddictRequest request) => Parameters.Any(name => request.GetParameter(name) is not null);

    /// <summary>Checks the headless parameters and decides as the test customer they name; every refusal goes back to the app.</summary>
    public async Task<AuthorizationDecision.Outcome> DecideAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");
        if (!configuration.GetValue(EnabledKey, true))
        {
            return Refuse($"Headless sandbox authorisation ({string.Join(", ", Parameters)}) is not enabled here.");
        }

        // Test customers are for trying an app out; a production app's customers are real people and sign in themselves.
        // Developers' sandbox apps only (sbx_…): not production apps, nor first-party clients such as the portal.
        if (!request.ClientId!.StartsWith("sbx_", StringComparison.Ordinal) || !ClientEnvironments.IsSandbox(request.ClientId))
        {
            return Refuse($"{Parameters.First(name => request.GetParameter(name) is not null)} is for sandbox apps only.");
        }

        if (Parameters.FirstOrDefault(name => request.GetParameter(name) is { Count: > 1 }) is { } repeated)
        {
            return Refuse($"Send {repeated} once.");
        }

        var handle = (string?)request.GetParameter(CustomerParameter);
        if (handle is null)
        {
            return Refuse($"{DecisionParameter} and {AccountsParameter} need {CustomerParameter}: the test customer to act as ({KnownHandles}).");
        }

        if (TestCustomers.Find(handle) is not { } persona)
        {
            return Refuse($"{CustomerParameter} '{handle}' is not a test customer: use one of {KnownHandles}, or their email.");
        }

        AuthorizationDecision.Answer answer;
        switch ((string?)request.GetParameter(DecisionParameter))
        {
            case null or "" or "allow":
                var accounts = (string?)request.GetParameter(AccountsParameter);
                var ids = accounts?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
                if (ids is { Count: 0 })
                {
                    return Refuse($"{AccountsParameter} names no account: leave it out to share what the consent screen offers, or list account ids.");
                }

                answer = new AllowAsOffered(ids);
                break;
            case "deny":
                answer = new AuthorizationDecision.Deny();
                break;
            case var other:
                return Refuse($"{DecisionParameter} must be allow or deny, not '{other}'.");
        }

        // The seeded person, joined to the bank's customer by the persona's subject; an account that merely has the
        // persona's email (registered where the test customers are not seeded) is not them.
        var user = await users.FindByEmailAsync(persona.Email);
        if (user is null || user.Id != persona.Subject)
        {
            return Refuse($"The test customer {persona.Handle} is not set up at this server.");
        }

        return await decision.DecideAsync(context, answer, actingAs: user) switch
        {
            // What the screen would ask again (the bank refused the accounts): no one is there to answer, so say why.
            AuthorizationDecision.AskConsent ask => Refuse(ask.Problem ?? "The consent could not be authorised as asked."),
            var outcome => outcome,
        };
    }

    /// <summary>
    /// The accounts an <see cref="AllowAsOffered"/> answer shares, checked against what the consent screen offers this
    /// customer (their active accounts; for a payment, those in its currency): an account it does not offer is refused
    /// by name, never silently dropped. A request that needs no consent shares none.
    /// </summary>
    internal static (AuthorizationDecision.Allow? Allow, AuthorizationDecision.Refuse? Refusal) Choose(AllowAsOffered answer, ConsentScreenData? consent)
    {
        var offered = consent?.Accounts.Select(account => account.AccountId).ToList() ?? [];
        var offers = offered.Count == 0 ? "it offers none" : $"it offers {string.Join(", ", offered)}";
        if (answer.AccountIds is { } chosen)
        {
            if (chosen.FirstOrDefault(id => !offered.Contains(id, StringComparer.Ordinal)) is { } unknown)
            {
                return (null, Refuse($"{AccountsParameter} names {unknown}, which the consent screen does not offer this customer: {offers}."));
            }

            return consent?.Kind == ConsentKinds.DomesticPayment && chosen.Count != 1
                ? (null, Refuse($"A payment leaves one account: name one in {AccountsParameter} ({offers})."))
                : (new AuthorizationDecision.Allow(chosen), null);
        }

        if (consent is null)
        {
            return (new AuthorizationDecision.Allow([]), null);
        }

        var payment = consent.Kind == ConsentKinds.DomesticPayment;
        if (offered.Count == 0)
        {
            return (null, Refuse(payment
                ? $"The consent screen offers this customer no account to pay from (no active {consent.Payment?.Currency} account): only {DecisionParameter}=deny is possible."
                : $"The consent screen offers this customer no account to share (no active account): only {DecisionParameter}=deny is possible."));
        }

        return (new AuthorizationDecision.Allow(payment ? offered[..1] : offered), null);
    }

    private static string KnownHandles => string.Join(", ", TestCustomers.All.Select(persona => persona.Handle));

    private static AuthorizationDecision.Refuse Refuse(string description) => new(Errors.InvalidRequest, description);
}
