namespace Wekeza.Api.Security;

/// <summary>The OAuth scopes this API's endpoints require. Each is also the name of the policy that checks it.</summary>
public static class ApiScopes
{
    public const string AccountsRead = "accounts.read";

    public static readonly IReadOnlyList<string> All = [AccountsRead];
}
