namespace Wekeza.Api.Security;

/// <summary>
/// This API as a resource server: the audience auth writes into the access tokens meant for it (auth's scope store
/// names it as the resource of every API scope). A token for any other audience is refused.
/// </summary>
public static class ApiResource
{
    public const string Audience = "wekeza-api";
}
