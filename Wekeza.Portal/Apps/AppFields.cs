namespace Wekeza.Portal.Apps;

/// <summary>The field names of the apps API's validation errors.</summary>
public static class AppFields
{
    public const string Name = "name";
    public const string Description = "description";
    public const string RedirectUris = "redirectUris";
    public const string Scopes = "scopes";

    public static string RedirectUri(int index) => $"{RedirectUris}[{index}]";
}
