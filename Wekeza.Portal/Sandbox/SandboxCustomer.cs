namespace Wekeza.Portal.Sandbox;

// The sandbox controls API's shapes (issue 7 contract), as the portal reads and writes them on an app's behalf.
// Amounts stay the API's decimal strings ("1500.00"): they are shown, never computed with.

/// <summary>A test customer: who they are, how they sign in at auth (the shared password), and their accounts now.</summary>
public sealed record SandboxCustomer(
    string Handle,
    string Name,
    string Email,
    string Persona,
    string Password,
    IReadOnlyList<SandboxAccount> Accounts);

/// <summary>One of a test customer's accounts; <see cref="Status"/> is <c>active</c> unless the persona says otherwise.</summary>
public sealed record SandboxAccount(
    string AccountId,
    string Number,
    string Name,
    string Kind,
    string Currency,
    string Balance,
    string Status)
{
    /// <summary>Only an active account is credited (the API refuses the others with a 409).</summary>
    public bool IsActive => string.Equals(Status, "active", StringComparison.OrdinalIgnoreCase);
}
