using System.Security.Claims;

namespace Wekeza.Api.Security;

/// <summary>
/// The app behind an access token (its <c>client_id</c>) and whether it acts for itself (a client-credentials token,
/// whose subject is the app) or for a customer (whose subject is the person).
/// </summary>
internal sealed record CallerApp(string ClientId, string Subject)
{
    public bool IsActingForItself => Subject == ClientId;

    public static CallerApp? Of(ClaimsPrincipal user) =>
        user.FindFirst("client_id")?.Value is { Length: > 0 } clientId && user.FindFirst("sub")?.Value is { Length: > 0 } subject
            ? new CallerApp(clientId, subject)
            : null;

    /// <summary>The person behind a token obtained for them (not an app's own token), or null.</summary>
    public static string? PersonOf(ClaimsPrincipal user) => Of(user) is { IsActingForItself: false } caller ? caller.Subject : null;
}
