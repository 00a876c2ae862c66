using Wekeza.ServiceDefaults;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Security;
using Wekeza.Consents;

namespace Wekeza.Api.Features.Accounts;

/// <summary>
/// The check every account-information request passes: the token is a customer's, bound to a consent of the same app
/// and customer, the consent is Authorised and unexpired right now, and it grants the permission asked for. The
/// consent comes from the shared cache (<see cref="ConsentStore.SnapshotAsync"/>): no call to auth, and a revocation
/// on any replica is seen here on the next request.
/// </summary>
public sealed class ConsentGate(ConsentStore store, TimeProvider clock)
{
    /// <summary>Either the consent (granted) or the problem to answer with.</summary>
    public sealed record Outcome(ConsentSnapshot? Consent, ProblemHttpResult? Problem)
    {
        [MemberNotNullWhen(true, nameof(Consent))]
        [MemberNotNullWhen(false, nameof(Problem))]
        public bool IsGranted => Consent is not null;
    }

    public async Task<Outcome> CheckAsync(ClaimsPrincipal user, string permission, CancellationToken cancellationToken)
    {
        if (CallerApp.Of(user) is not { IsActingForItself: false } caller)
        {
            return Refuse(ProblemCatalog.CustomerTokenRequired, "Account information is read with a token the customer authorised (authorization code flow with a consent), not with the app's own token.");
        }

        if (user.FindFirst(ConsentClaims.ConsentId)?.Value is not { Length: > 0 } consentId)
        {
            return Refuse(ProblemCatalog.ConsentRequired, "Create a consent (POST /v1/consents) and send its id as consent_id in the authorization request.");
        }

        var consent = await store.SnapshotAsync(consentId, cancellationToken);
        if (consent is null || consent.ClientId != caller.ClientId || consent.CustomerSubject != caller.Subject)
        {
            return Refuse(ProblemCatalog.ConsentInvalid, "The consent this token was issued under does not exist for this app and customer.");
        }

        return consent.StatusAt(clock.GetUtcNow()) switch
        {
            ConsentStatuses.Authorised when consent.Permissions.Contains(permission) => new Outcome(consent, null),
            ConsentStatuses.Authorised => Refuse(ProblemCatalog.PermissionMissing, $"This needs the consent permission {permission}; the customer granted {string.Join(", ", consent.Permissions)}."),
            ConsentStatuses.Revoked => Refuse(ProblemCatalog.ConsentRevoked, "The customer or the app revoked this consent. Ask the customer for a new one."),
            ConsentStatuses.Expired => Refuse(ProblemCatalog.ConsentExpired, "This consent has passed its expiry. Ask the customer for a new one."),
            var status => Refuse(ProblemCatalog.ConsentNotAuthorised, $"This consent is {status}."),
        };
    }

    private static Outcome Refuse(ProblemType type, string detail) => new(null, type.Result(detail));
}
