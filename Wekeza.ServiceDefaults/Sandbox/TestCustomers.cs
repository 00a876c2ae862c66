namespace Wekeza.ServiceDefaults.Sandbox;

/// <summary>
/// The sandbox's test customers: people who sign in at auth (seeded there) and own accounts in the bank's ledger
/// (seeded by the API), joined by the same subject id. Documented in docs/sandbox.md; never seeded outside the sandbox.
/// </summary>
public static class TestCustomers
{
    /// <summary>Every test customer signs in with this password (sandbox only).</summary>
    public const string Password = "Sandbox-Customer-2026";

    /// <summary>
    /// One test customer. <see cref="Handle"/> is the short name a sandbox app may use in place of the email (the
    /// headless authorisation's <c>sandbox_customer</c>); <see cref="Kind"/> is the persona their history was made for.
    /// </summary>
    public sealed record Persona(string Handle, string Subject, string Email, string Name, string Kind);

    /// <summary>In seeding order: a persona's position (from 1) is its customer and account index in the bank, so never reorder.</summary>
    public static readonly IReadOnlyList<Persona> All =
    [
        new("amina", "3b0f6a52-5c1e-4b8e-9a51-000000000001", "amina.wanjiru@sandbox.wekeza.test", "Amina Wanjiru", "salaried"),
        new("brian", "3b0f6a52-5c1e-4b8e-9a51-000000000002", "brian.otieno@sandbox.wekeza.test", "Brian Otieno", "small-business"),
        new("faith", "3b0f6a52-5c1e-4b8e-9a51-000000000003", "faith.chebet@sandbox.wekeza.test", "Faith Chebet", "student"),
        new("david", "3b0f6a52-5c1e-4b8e-9a51-000000000004", "david.kamau@sandbox.wekeza.test", "David Kamau", "high-balance"),
        new("grace", "3b0f6a52-5c1e-4b8e-9a51-000000000005", "grace.akinyi@sandbox.wekeza.test", "Grace Akinyi", "nearly-empty"),
        new("joseph", "3b0f6a52-5c1e-4b8e-9a51-000000000006", "joseph.mwangi@sandbox.wekeza.test", "Joseph Mwangi", "dormant"),
    ];

    /// <summary>The test customer with this handle or email (any case), or null when there is none.</summary>
    public static Persona? Find(string? handleOrEmail)
    {
        var key = handleOrEmail?.Trim();
        return string.IsNullOrEmpty(key) ? null
            : All.FirstOrDefault(persona => string.Equals(persona.Handle, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(persona.Email, key, StringComparison.OrdinalIgnoreCase));
    }
}
