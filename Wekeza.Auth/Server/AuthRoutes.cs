namespace Wekeza.Auth.Server;

/// <summary>
/// The protocol endpoints, relative to the issuer. OpenIddict is told about them and the pass-through handlers are
/// mapped on them, so both read the same spelling.
/// </summary>
public static class AuthRoutes
{
    public const string Authorize = "connect/authorize";
    public const string Token = "connect/token";
    public const string Introspect = "connect/introspect";
    public const string Revoke = "connect/revoke";
    public const string Discovery = ".well-known/openid-configuration";
}
