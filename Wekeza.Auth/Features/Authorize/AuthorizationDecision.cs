using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using Wekeza.Auth.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Features.Authorize;

/// <summary>
/// What the authorization endpoint does with a valid request (OpenIddict has already rejected unknown clients,
/// unregistered redirect URIs, scopes the client may not ask for and missing or non-S256 PKCE challenges):
/// sign the person in, ask for their consent when the app needs it, and issue the code.
/// </summary>
public sealed class AuthorizationDecision(
    UserManager<WekezaUser> users,
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    SignedInPrincipal principals)
{
    public abstract record Outcome;

    /// <summary>Not signed in (or the session is stale): go to the login page and come back.</summary>
    public sealed record SignInFirst : Outcome;

    /// <summary>The app needs the person's explicit consent for these scopes.</summary>
    public sealed record AskConsent(string ApplicationName, IReadOnlyList<string> Scopes) : Outcome;

    public sealed record Issue(ClaimsPrincipal Principal) : Outcome;

    public sealed record Refuse(string Error, string Description) : Outcome;

    public async Task<Outcome> DecideAsync(HttpContext context, bool? consentGiven)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");
        var cancellationToken = context.RequestAborted;

        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = session.Succeeded ? await users.GetUserAsync(session.Principal) : null;
        if (user is null)
        {
            return request.HasPromptValue(PromptValues.None)
                ? new Refuse(Errors.LoginRequired, "The user is not signed in.")
                : new SignInFirst();
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
            ?? throw new InvalidOperationException("OpenIddict validated the client; it must exist.");
        var applicationId = await applications.GetIdAsync(application, cancellationToken);
        var requested = request.GetScopes();

        // A permanent authorization the person already gave this app, covering every scope asked for now.
        var existing = await authorizations.FindAsync(user.Id, applicationId!, Statuses.Valid, AuthorizationTypes.Permanent, requested, cancellationToken)
            .ToListAsync(cancellationToken);
        var consentType = await applications.GetConsentTypeAsync(application, cancellationToken);

        if (consentGiven is false)
        {
            return new Refuse(Errors.AccessDenied, "The user denied the authorization.");
        }

        var needsConsent = consentType == ConsentTypes.Explicit
            && consentGiven is not true
            && (existing.Count == 0 || request.HasPromptValue(PromptValues.Consent));
        if (needsConsent)
        {
            return request.HasPromptValue(PromptValues.None)
                ? new Refuse(Errors.ConsentRequired, "The user has not consented to this app yet.")
                : new AskConsent(await applications.GetLocalizedDisplayNameAsync(application, cancellationToken) ?? request.ClientId!, requested);
        }

        var authorization = existing.LastOrDefault() ?? await authorizations.CreateAsync(
            identity: new ClaimsIdentity([new Claim(Claims.Subject, user.Id)]),
            subject: user.Id,
            client: applicationId!,
            type: AuthorizationTypes.Permanent,
            scopes: requested,
            cancellationToken);

        var principal = await principals.CreateAsync(user, requested, await authorizations.GetIdAsync(authorization, cancellationToken));
        return new Issue(principal);
    }
}
