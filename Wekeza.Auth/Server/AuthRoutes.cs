namespace Wekeza.Auth.Server;

/// <summary>
/// The protocol endpoints, relative to the issuer. OpenIddict is told about them and the pass-through handlers are
/// mapped on them, so both read the same spelling.
/// </summary>
public static class AuthRoutes
{
    public const string Authorize = "connect/authorize";

    /// <summary>Where the consent screen posts its answer: a second address of the authorization endpoint.</summary>
    public const string AuthorizeDecision = "connect/authorize/decision";
    public const string PushedAuthorization = "connect/par";
    public const string Token = "connect/token";
    public const string Introspect = "connect/introspect";
    public const string Revoke = "connect/revoke";
    public const string UserInfo = "connect/userinfo";
    public const string EndSession = "connect/endsession";
    public const string Discovery = ".well-known/openid-configuration";
}
