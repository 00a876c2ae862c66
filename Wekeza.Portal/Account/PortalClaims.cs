namespace Wekeza.Portal.Account;

internal static class PortalClaims
{
    /// <summary>The random id under which the session's tokens are kept server-side (see SessionTokenStore).</summary>
    public const string SessionId = "wekeza_portal_session";
}

internal static class PortalRoles
{
    public const string Developer = "developer";
    public const string Customer = "customer";
    public const string Admin = "admin";

    /// <summary>For <c>[Authorize(Roles = …)]</c>: who may use the developer area.</summary>
    public const string DeveloperArea = Developer + "," + Admin;
}
