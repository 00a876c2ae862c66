namespace Wekeza.ServiceDefaults.Sandbox;

/// <summary>
/// The sandbox's test customers: people who sign in at auth (seeded there) and own accounts in the bank's ledger
/// (seeded by the API), joined by the same subject id. Documented in docs/sandbox.md; never seeded outside the sandbox.
/// </summary>
public static class TestCustomers
{
    /// <summary>Every test customer signs in with this password (sandbox only).</summary>
    public const string Password = "Sandbox-Customer-2026";

    public sealed record Persona(string Subject, string Email, string Name, string Kind);

    public static readonly IReadOnlyList<Persona> All =
    [
        new("3b0f6a52-5c1e-4b8e-9a51-000000000001", "amina.wanjiru@sandbox.wekeza.test", "Amina Wanjiru", "salaried"),
        new("3b0f6a52-5c1e-4b8e-9a51-000000000002", "brian.otieno@sandbox.wekeza.test", "Brian Otieno", "small-business"),
        new("3b0f6a52-5c1e-4b8e-9a51-000000000003", "faith.chebet@sandbox.wekeza.test", "Faith Chebet", "student"),
    ];
}
