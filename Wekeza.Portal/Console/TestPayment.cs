using System.Text.Json.Nodes;

namespace Wekeza.Portal.Console;

/// <summary>The "Make a test payment" form: who pays from which account, to whom, how much, with which reference.</summary>
public sealed class TestPaymentForm
{
    public const string WekezaScheme = "Wekeza.AccountNumber";

    public static readonly IReadOnlyList<string> Schemes = [WekezaScheme, "KE.BankAccount", "KE.MobileMoney"];

    /// <summary>
    /// The sandbox's magic references (docs/sandbox.md): SWITCH-… decide the simulated switch's answer, so only for
    /// KE.BankAccount and KE.MobileMoney creditors; FRAUD-REJECT and INSUFFICIENT-FUNDS for any.
    /// </summary>
    public static readonly IReadOnlyList<string> MagicReferences =
        ["SWITCH-FAIL", "SWITCH-TIMEOUT", "SWITCH-SLOW", "SWITCH-PENDING", "FRAUD-REJECT", "INSUFFICIENT-FUNDS"];

    /// <summary>Brian's KES account: the creditor when the customers' accounts are not known (Amina's when Brian pays).</summary>
    public static readonly (string Number, string Name) FallbackCreditor = ("010000020001", "Brian Otieno");

    private static readonly (string Number, string Name) FallbackCreditorForBrian = ("010000010001", "Amina Wanjiru");

    public string Payer { get; set; } = "amina";

    /// <summary>The account to pay from; empty lets auth take the payer's first active account in the currency.</summary>
    public string DebtorAccountId { get; set; } = "";

    public string SchemeName { get; set; } = WekezaScheme;

    public string Identification { get; set; } = FallbackCreditor.Number;

    public string CreditorName { get; set; } = FallbackCreditor.Name;

    public string Amount { get; set; } = "100.00";

    public string Currency { get; set; } = "KES";

    public string Reference { get; set; } = RequestExamples.DefaultReference;

    /// <summary>
    /// Makes <paramref name="handle"/> the payer: their first active account in the currency pays, and another test
    /// customer's account in that currency is paid (a Wekeza creditor, credited at once).
    /// </summary>
    public void ChoosePayer(string handle, IReadOnlyList<TestCustomer> customers)
    {
        Payer = handle;
        var payer = customers.FirstOrDefault(customer => customer.Handle == handle);
        DebtorAccountId = payer?.FirstActive(Currency)?.AccountId ?? "";
        var creditor = customers.Where(customer => customer.Handle != handle)
            .Select(customer => (Customer: customer, Account: customer.FirstActive(Currency)))
            .FirstOrDefault(candidate => candidate.Account is not null);
        (Identification, CreditorName) = creditor.Account is { } account
            ? (account.Number, creditor.Customer.Name)
            : handle == "brian" ? FallbackCreditorForBrian : FallbackCreditor;
        SchemeName = WekezaScheme;
    }

    internal JsonObject Initiation() => RequestExamples.Initiation(Amount.Trim(), Currency.Trim().ToUpperInvariant(), SchemeName,
        Identification.Trim(), CreditorName.Trim(), Reference.Trim() is { Length: > 0 } reference ? reference : RequestExamples.DefaultReference);
}

/// <summary>A status the payment was seen in while the console followed it.</summary>
public sealed record PaymentStatusSeen(string Status, DateTimeOffset At, string? ReasonCode, string? Reason);

/// <summary>One test payment: each call made for it, and where the payment got to.</summary>
public sealed class TestPaymentRun(TestCustomer payer)
{
    public TestCustomer Payer => payer;

    public List<ConsoleStep> Steps { get; } = [];

    public string? ConsentId { get; internal set; }

    public string? PaymentId { get; internal set; }

    public string? IdempotencyKey { get; internal set; }

    public List<PaymentStatusSeen> Statuses { get; } = [];

    /// <summary>Completed, Rejected or Failed, once the API says it is final.</summary>
    public string? FinalStatus { get; internal set; }

    public string? Problem { get; internal set; }

    public bool IsRunning { get; internal set; }

    internal JsonObject? Initiation { get; set; }

    internal TokenSet? Tokens { get; set; }

    public PaymentStatusSeen? Latest => Statuses.Count > 0 ? Statuses[^1] : null;
}
