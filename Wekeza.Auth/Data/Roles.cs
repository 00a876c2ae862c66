namespace Wekeza.Auth.Data;

/// <summary>The roles people hold. They travel in tokens as the <c>role</c> claim.</summary>
public static class Roles
{
    public const string Developer = "developer";
    public const string Customer = "customer";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Developer, Customer, Admin];
}
