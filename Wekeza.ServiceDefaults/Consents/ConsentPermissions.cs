namespace Wekeza.Consents;

/// <summary>What an account-access consent may allow, in Open Banking's words.</summary>
public static class ConsentPermissions
{
    public const string ReadAccounts = "ReadAccounts";
    public const string ReadBalances = "ReadBalances";
    public const string ReadTransactions = "ReadTransactions";

    public static readonly IReadOnlyList<string> All = [ReadAccounts, ReadBalances, ReadTransactions];
}
