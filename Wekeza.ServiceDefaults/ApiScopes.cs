namespace Wekeza;

/// <summary>
/// The Open Banking API's OAuth scopes: auth grants them (its scope catalog), the API requires them (each is also the
/// name of the policy that checks it). One spelling for both.
/// </summary>
public static class ApiScopes
{
    public const string AccountsRead = "accounts.read";
    public const string TransactionsRead = "transactions.read";
    public const string PaymentsWrite = "payments.write";

    public static readonly IReadOnlyList<string> All = [AccountsRead, TransactionsRead, PaymentsWrite];
}
