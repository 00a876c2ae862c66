namespace Wekeza.Portal.Account;

internal static class AccountPaths
{
    public const string Login = "/account/login";
    public const string Logout = "/account/logout";
    public const string SignInUnavailable = "/account/unavailable";
    public const string DevelopersOnly = "/account/developers-only";
    public const string ReturnUrlParameter = "returnUrl";

    public static string LoginFor(string returnUrl) => $"{Login}?{ReturnUrlParameter}={Uri.EscapeDataString(LocalOrHome(returnUrl))}";

    /// <summary>Only a path on this site: anything else would make sign-in an open redirector.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is ['/', not '/' and not '\\', ..] or "/" ? returnUrl : "/";
}
