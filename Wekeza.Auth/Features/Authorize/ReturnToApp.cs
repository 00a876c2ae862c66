using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Wekeza.Auth.Features.Authorize;

/// <summary>
/// The way back to the app when the request itself can no longer be answered (it expired while the customer was at
/// the login page or the consent screen, or they cancelled before signing in): the last validated request's client,
/// redirect URI and state, kept for an hour in a protected cookie. With it, a customer is always sent back to the
/// app with <c>access_denied</c> and the app's <c>state</c>, never left on a bank page.
/// </summary>
public sealed class ReturnToApp(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "wekeza.return";
    public const string CancelPath = "/connect/authorize/cancel";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Wekeza.Auth.ReturnToApp").ToTimeLimitedDataProtector();

    private sealed record Destination(string ClientId, string RedirectUri, string? State);

    /// <summary>Remembers a request OpenIddict has validated (its redirect URI is registered for its client).</summary>
    public void Remember(HttpContext context, OpenIddictRequest request)
    {
        // Only the query response mode (what code flow uses by default) is rebuilt here.
        if (request.ClientId is null || request.RedirectUri is null || request.ResponseMode is not (null or ResponseModes.Query))
        {
            return;
        }

        var value = _protector.Protect(JsonSerializer.Serialize(new Destination(request.ClientId, request.RedirectUri, request.State)),
            clock.GetUtcNow() + Lifetime);
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/connect", MaxAge = Lifetime, IsEssential = true,
        });
    }

    /// <summary>
    /// Where to send the person back, with <c>access_denied</c> and <paramref name="description"/>: the remembered
    /// app's redirect URI (only if it is <paramref name="clientId"/>'s, when that is known). Null when nothing is remembered.
    /// </summary>
    public string? Escape(HttpContext context, string description, string? clientId = null)
    {
        if (context.Request.Cookies[CookieName] is not { } value || Read(value) is not { } destination
            || clientId is not null && clientId != destination.ClientId)
        {
            return null;
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/connect", Secure = true });
        var parameters = new Dictionary<string, string?>
        {
            [Parameters.Error] = Errors.AccessDenied,
            [Parameters.ErrorDescription] = description,
            // RFC 9207: say which server answered, as OpenIddict does on its own responses.
            [Parameters.Iss] = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/",
        };
        if (destination.State is not null)
        {
            parameters[Parameters.State] = destination.State;
        }

        return QueryHelpers.AddQueryString(destination.RedirectUri, parameters);
    }

    private Destination? Read(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<Destination>(_protector.Unprotect(value));
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }
}
