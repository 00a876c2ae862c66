using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Consents;
using Wekeza.Auth.Server;
using Wekeza.Consents;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Features.Authorize;

/// <summary>
/// What the authorization endpoint does with a valid request (OpenIddict has already rejected unknown clients,
/// unregistered redirect URIs, scopes the client may not ask for and missing or non-S256 PKCE challenges):
/// sign the person in, ask for their consent when the app needs it, and issue the code. A request for a customer's
/// data (accounts.read, transactions.read) or to pay from their account (payments.write) must name the consent the
/// app created (<c>consent_id</c>, in the query or the pushed request); the customer sees it, picks the accounts to
/// share or the one to pay from and decides, the bank records the decision, and the tokens carry the consent.
/// </summary>
public sealed class AuthorizationDecision(
    UserManager<WekezaUser> users,
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    SignedInPrincipal principals,
    IBankConsents bank)
{
    public const string ConsentIdParameter = "consent_id";

    public abstract record Outcome;

    /// <summary>Not signed in (or the session is stale): go to the login page and come back.</summary>
    public sealed record SignInFirst : Outcome;

    /// <summary>The app needs the person's explicit consent for these scopes (and, for their data, this consent).</summary>
    public sealed record AskConsent(string ApplicationName, IReadOnlyList<string> Scopes, ConsentScreenData? Consent, string? Problem = null) : Outcome;

    public sealed record Issue(ClaimsPrincipal Principal) : Outcome;

    public sealed record Refuse(string Error, string Description) : Outcome;

    /// <summary>What the person answered on the consent screen.</summary>
    public abstract record Answer;

    public sealed record Allow(IReadOnlyList<string> AccountIds) : Answer;

    public sealed record Deny : Answer;

    /// <summary>The screen's timer ran out before the person answered.</summary>
    public sealed record TimedOut : Answer;

    /// <summary>
    /// Decides the request. The person is whoever is signed in, or <paramref name="actingAs"/>: a sandbox test customer
    /// answering headlessly (<see cref="SandboxAuthorisation"/>), who then goes through every check a signed-in person does.
    /// </summary>
    public async Task<Outcome> DecideAsync(HttpContext context, Answer? answer, WekezaUser? actingAs = null)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");
        var cancellationToken = context.RequestAborted;

        // Leaving never needs a session: whoever holds the page can always go back to the app.
        if (answer is TimedOut)
        {
            return new Refuse(Errors.AccessDenied, "The customer did not finish at the bank in time.");
        }

        var user = actingAs;
        if (user is null)
        {
            var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            user = session.Succeeded ? await users.GetUserAsync(session.Principal) : null;
        }

        if (user is null)
        {
            return answer is Deny ? new Refuse(Errors.AccessDenied, "The customer cancelled at the bank.")
                : request.HasPromptValue(PromptValues.None) ? new Refuse(Errors.LoginRequired, "The user is not signed in.")
                : new SignInFirst();
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
            ?? throw new InvalidOperationException("OpenIddict validated the client; it must exist.");
        var applicationId = await applications.GetIdAsync(application, cancellationToken);
        var applicationName = await applications.GetLocalizedDisplayNameAsync(application, cancellationToken) ?? request.ClientId!;
        var requested = request.GetScopes();

        var (consent, refusal) = await FindConsentAsync(request, requested, user, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (answer is SandboxAuthorisation.AllowAsOffered offered)
        {
            // The headless answer names accounts (or none) before it has seen the screen: resolved against what it offers.
            var (allow, misfit) = SandboxAuthorisation.Choose(offered, consent);
            if (misfit is not null)
            {
                return misfit;
            }

            answer = allow;
        }

        if (answer is Deny)
        {
            if (consent is not null)
            {
                try
                {
                    await bank.RejectAsync(consent.ConsentId, user.Id, applicationName, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
                }
                catch (Exception exception) when (BankUnreachable(exception, cancellationToken))
                {
                    // The customer still goes back with their answer; unrecorded, the consent expires unused within the hour.
                }
            }

            return new Refuse(Errors.AccessDenied, "The customer declined.");
        }

        if (consent is not null)
        {
            return answer is Allow allow
                ? await AuthoriseConsentAsync(context, user, applicationId!, applicationName, requested, consent, allow.AccountIds)
                : request.HasPromptValue(PromptValues.None)
                    ? new Refuse(Errors.ConsentRequired, "The customer has not authorised this consent yet.")
                    : new AskConsent(applicationName, requested, consent);
        }

        // A permanent authorization the person already gave this app, covering every scope asked for now.
        var existing = await authorizations.FindAsync(user.Id, applicationId!, Statuses.Valid, AuthorizationTypes.Permanent, requested, cancellationToken)
            .ToListAsync(cancellationToken);
        var consentType = await applications.GetConsentTypeAsync(application, cancellationToken);
        var needsConsent = consentType == ConsentTypes.Explicit
            && answer is not Allow
            && (existing.Count == 0 || request.HasPromptValue(PromptValues.Consent));
        if (needsConsent)
        {
            return request.HasPromptValue(PromptValues.None)
                ? new Refuse(Errors.ConsentRequired, "The user has not consented to this app yet.")
                : new AskConsent(applicationName, requested, null);
        }

        var authorization = existing.LastOrDefault() ?? await authorizations.CreateAsync(
            identity: new ClaimsIdentity([new Claim(Claims.Subject, user.Id)]),
            subject: user.Id,
            client: applicationId!,
            type: AuthorizationTypes.Permanent,
            scopes: requested,
            cancellationToken);

        var principal = await principals.CreateAsync(user, requested, await authorizations.GetIdAsync(authorization, cancellationToken), consentId: null);
        return new Issue(principal);
    }

    /// <summary>
    /// The consent a request for customer data or a payment names, checked to be this app's, of the kind the scopes
    /// call for, and still awaiting the customer.
    /// </summary>
    internal async Task<(ConsentScreenData? Consent, Refuse? Refusal)> FindConsentAsync(
        OpenIddictRequest request, IReadOnlyCollection<string> requested, WekezaUser user, CancellationToken cancellationToken)
    {
        var consentId = request.GetParameter(ConsentIdParameter)?.ToString();
        var needsIntent = requested.Intersect(ScopeCatalog.NeedConsent).Any();
        if (!needsIntent)
        {
            return string.IsNullOrEmpty(consentId)
                ? (null, null)
                : (null, new Refuse(Errors.InvalidRequest,
                    $"consent_id is only for requests that read a customer's data or make a payment ({string.Join(", ", ScopeCatalog.NeedConsent)})."));
        }

        if (string.IsNullOrEmpty(consentId))
        {
            return (null, new Refuse(Errors.InvalidRequest,
                $"Reading a customer's data or making a payment ({string.Join(", ", ScopeCatalog.NeedConsent)}) needs a consent: create one with "
                + "POST /v1/consents for account access or POST /v1/payment-consents for a payment, and send its id as consent_id."));
        }

        ConsentScreenData? consent;
        try
        {
            consent = await bank.GetAsync(consentId, user.Id, cancellationToken);
        }
        catch (Exception exception) when (BankUnreachable(exception, cancellationToken))
        {
            return (null, Unavailable);
        }

        if (consent is null || consent.ClientId != request.ClientId)
        {
            return (null, new Refuse(Errors.InvalidRequest, "consent_id does not name a consent of this app."));
        }

        if (Misfit(consent, requested) is { } misfit)
        {
            return (null, misfit);
        }

        return consent.Status == ConsentStatuses.AwaitingAuthorisation
            ? (consent, null)
            : (null, new Refuse(Errors.InvalidRequest, $"The consent is {consent.Status}: only a consent awaiting authorisation can be authorised. Create a new one."));
    }

    /// <summary>
    /// Whether the scopes asked for are what this kind of consent grants. The customer approves what the consent
    /// shows: a payment consent's screen names one payment and no data, so its tokens must not read accounts, and an
    /// account-access consent names no payment, so its tokens must not pay. Sign-in scopes go with either.
    /// </summary>
    internal static Refuse? Misfit(ConsentScreenData consent, IReadOnlyCollection<string> requested)
    {
        switch (consent.Kind)
        {
            case ConsentKinds.DomesticPayment:
                if (consent.Payment is null)
                {
                    // Never show a payment screen without the payment: the customer would authorise an amount unseen.
                    return new Refuse(Errors.ServerError, "The bank did not describe the payment this consent is for.");
                }

                if (!requested.Contains(ScopeCatalog.PaymentsWrite))
                {
                    return new Refuse(Errors.InvalidRequest,
                        $"consent_id names a payment consent: ask for the {ScopeCatalog.PaymentsWrite} scope with it.");
                }

                var reads = requested.Intersect(ScopeCatalog.ForAccountAccess).ToList();
                return reads.Count == 0 ? null : new Refuse(Errors.InvalidRequest,
                    $"A payment consent does not grant {string.Join(", ", reads)}: to read a customer's data, create an account-access consent "
                    + "with POST /v1/consents and send it in a separate authorization request.");

            case ConsentKinds.AccountAccess:
                return !requested.Contains(ScopeCatalog.PaymentsWrite) ? null : new Refuse(Errors.InvalidRequest,
                    $"An account-access consent does not grant {ScopeCatalog.PaymentsWrite}: to make a payment, create a payment consent "
                    + "with POST /v1/payment-consents and send it in a separate authorization request.");

            default:
                // A kind this server has no screen for: showing it as something else would misinform the customer.
                return new Refuse(Errors.InvalidRequest, $"The consent is of a kind ({consent.Kind}) this bank's consent screen cannot show.");
        }
    }

    /// <summary>
    /// Records the customer's approval at the bank, bound to a new authorization (one per consent) that its tokens hang
    /// from; if the bank refuses, the authorization is revoked and nothing is issued.
    /// </summary>
    private async Task<Outcome> AuthoriseConsentAsync(HttpContext context, WekezaUser user, string applicationId, string applicationName,
        System.Collections.Immutable.ImmutableArray<string> requested, ConsentScreenData consent, IReadOnlyList<string> accountIds)
    {
        var cancellationToken = context.RequestAborted;
        if (consent.Kind == ConsentKinds.DomesticPayment && accountIds.Count != 1)
        {
            // The screen's radio buttons send one; the bank would refuse anything else, so ask again before creating an authorization.
            return new AskConsent(applicationName, requested, consent, "Choose the account to pay from.");
        }

        if (accountIds.Count == 0)
        {
            return new AskConsent(applicationName, requested, consent, "Choose at least one account to share.");
        }

        var authorization = await authorizations.CreateAsync(
            identity: new ClaimsIdentity([new Claim(Claims.Subject, user.Id)]),
            subject: user.Id,
            client: applicationId,
            type: AuthorizationTypes.AdHoc,
            scopes: requested,
            cancellationToken);
        var authorizationId = (await authorizations.GetIdAsync(authorization, cancellationToken))!;

        ConsentDecisionResult result;
        try
        {
            result = await bank.AuthoriseAsync(consent.ConsentId, user.Id, accountIds, applicationName, authorizationId,
                context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        }
        catch (Exception exception) when (BankUnreachable(exception, cancellationToken))
        {
            await authorizations.TryRevokeAsync(authorization, CancellationToken.None);
            return Unavailable;
        }

        if (!result.Succeeded)
        {
            await authorizations.TryRevokeAsync(authorization, cancellationToken);
            return result.Code == "validation_failed"
                ? new AskConsent(applicationName, requested, consent, result.Message ?? "Choose from your own accounts.")
                : new Refuse(Errors.InvalidRequest, result.Message ?? "The bank could not record the consent.");
        }

        return new Issue(await principals.CreateAsync(user, requested, authorizationId, consent.ConsentId));
    }

    /// <summary>The bank API could not be asked: the customer goes back to the app, which may try again, rather than to an error page.</summary>
    private static readonly Refuse Unavailable = new(Errors.TemporarilyUnavailable, "The bank cannot take consent decisions right now. Try again in a moment.");

    private static bool BankUnreachable(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException || exception is TaskCanceledException && !cancellationToken.IsCancellationRequested;
}
