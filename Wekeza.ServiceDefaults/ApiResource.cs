namespace Wekeza;

/// <summary>
/// The Open Banking API as a resource server: the audience auth writes into the access tokens meant for it (auth's
/// scope store names it as the resource of every API scope). The API refuses a token for any other audience.
/// </summary>
public static class ApiResource
{
    public const string Audience = "wekeza-api";
}
