using Wekeza.ServiceDefaults.Sandbox;

namespace Wekeza.Bench;

/// <summary>A stream of payments: one of a test customer's KES accounts paying someone else's Wekeza account.</summary>
internal sealed record DebtorStream(TestCustomers.Persona Customer, string AccountId, string CreditorNumber, string CreditorName);

/// <summary>
/// Who pays whom. Payment i goes to stream i mod 3, so the debtor rows the workers lock are spread over three accounts.
/// Every creditor is a Wekeza account (the workers complete the payment in the same step, no switch latency), amounts
/// are KES 1.00 (a run of 2,000 moves KES 667 a stream, far below the KES 2,000,000 daily limit).
/// </summary>
internal static class PaymentPlan
{
    public const string Amount = "1.00";
    public const string Currency = "KES";
    public const string Scheme = "Wekeza.AccountNumber";

    // Account numbers are "01" + customer index (6 digits) + account index (4), as SandboxSeed numbers them.
    private const string BrianOperating = "010000020001";
    private const string FaithStudent = "010000030001";

    // No two streams pay each other. The workers lock the debtor's row first and then the ledger locks both accounts in
    // id order, so Amina paying Brian while Brian pays Amina can deadlock (each holds its own row and waits for the
    // other's), and the bench would measure deadlock detection (1 s each) instead of throughput. Brian pays Faith.
    public static IReadOnlyList<DebtorStream> Streams { get; } =
    [
        new(TestCustomers.All[0], "acc_000101", BrianOperating, "Otieno Traders"),
        new(TestCustomers.All[0], "acc_000102", BrianOperating, "Otieno Traders"),
        new(TestCustomers.All[1], "acc_000201", FaithStudent, "Faith Chebet"),
    ];

    public static DebtorStream StreamOf(int payment) => Streams[payment % Streams.Count];

    /// <summary>The initiation the consent asks for and the payment repeats exactly. References are ≤ 35 characters.</summary>
    public static object Initiation(DebtorStream stream, string reference) => new
    {
        instructedAmount = new { amount = Amount, currency = Currency },
        creditorAccount = new { schemeName = Scheme, identification = stream.CreditorNumber },
        creditorName = stream.CreditorName,
        reference,
    };
}
