using System.Globalization;
using System.Text.Json;
using Wekeza.Api.Features.Sandbox;
using Wekeza.Api.Features.Shared;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Payments;
using Wekeza.Consents;
using Wekeza.Payments;
using Wekeza.ServiceDefaults;
using Wekeza.ServiceDefaults.Sandbox;
using Wekeza.Webhooks;
using static Wekeza.Api.OpenApi.Examples.ExampleValues;

namespace Wekeza.Api.OpenApi.Examples;

/// <summary>The sandbox's controls as docs/sandbox.md shows them, on Amina's Everyday account and Budget Buddy's consents and payments.</summary>
internal static class SandboxExamples
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private const long OneDay = 86_400;

    private static readonly IncomingTransactionRequest Incoming = new(JsonSerializer.SerializeToElement("1500.00"), "KES", "Kevin Kiprop", "INV-1003");

    // Amina's balance after her payment to Otieno Traders, and then after this transfer in.
    private static readonly decimal BalanceAfter = Everyday.BookedBalance - Invoice.Amount + 1_500.00m;

    public static IReadOnlyDictionary<string, OperationExample> ByOperation { get; } = new Dictionary<string, OperationExample>(StringComparer.Ordinal)
    {
        ["ListSandboxCustomers"] = new(null, new ListResponse<SandboxCustomerResponse>(
            [new(Amina.Handle, Amina.Name, Amina.Email, Amina.Kind, TestCustomers.Password, [Listed(Everyday), Listed(EmergencyFund)])],
            new ListLinks(Link("/v1/sandbox/customers")), new ListMeta(TotalPages: 1))),
        ["GetSandboxClock"] = new(null, new SandboxClockResponse(Now, 0)),
        ["AdvanceSandboxClock"] = new(new AdvanceClockRequest(OneDay),
            new AdvancedClockResponse(Now.AddSeconds(OneDay), OneDay, new ClockEffects(ConsentsExpired: 1, SettlementsDue: 1, WebhookRetriesDue: 2)),
            SandboxProblems.Invalid(new()
            {
                ["seconds"] = [string.Create(CultureInfo.InvariantCulture,
                    $"Move the clock forward by 1 to {SandboxClockApi.MaximumStepSeconds:N0} seconds (400 days).")],
            }, "The clock cannot move that way").ProblemDetails),
        ["CreateSandboxIncomingTransaction"] = new(Incoming,
            new IncomingTransactionResponse(24107, "txn_48214", Everyday.Id, "1500.00", Everyday.Currency, Now.AddMinutes(2),
                Currencies.Format(BalanceAfter, Everyday.Currency), "Incoming transfer from Kevin Kiprop"),
            SandboxProblems.Invalid(new() { ["amount"] = ["Give a positive amount as a decimal string with a dot, e.g. \"1500.00\"."] },
                "The transaction could not be booked").ProblemDetails),
        ["FireSandboxWebhook"] = new(new FireWebhookRequest(PaymentEvents.Failed, "pmt_test_1"),
            new FireWebhookResponse("evt_01a20cd5f7a88b9c0d1e2f3a4b5c6d7e", PaymentEvents.Failed, Deliveries: 1),
            SandboxProblems.Invalid(new() { ["type"] = [$"Fire one of: {string.Join(", ", WebhookEventTypes.All.Where(WebhookEventTypes.IsPublic))}."] },
                "The event cannot be fired").ProblemDetails),
        ["SetSandboxPaymentOutcome"] = new(new PaymentOutcomeRequest(PaymentStatuses.Failed, "switch_rejected"),
            new PaymentOutcomeResponse(HeldPaymentId, PaymentStatuses.AcceptedSettlementInProcess, PaymentStatuses.Failed),
            SandboxProblems.Invalid(new() { ["status"] = ["Choose Completed, Failed or Rejected."] }, "The payment cannot move that way").ProblemDetails),
        ["ExpireSandboxConsent"] = new(null, new ExpiredConsentResponse(AccountConsentId, ConsentStatuses.Expired)),
        ["ResetSandbox"] = new(null, new SandboxResetResponse(ConsentsRemoved: 3, PaymentsRemoved: 2, TransactionsRemoved: 1, ClockReset: true)),
    };

    /// <summary>An account as the customers list shows it (SandboxCustomers).</summary>
    private static SandboxAccountResponse Listed(Account account) => new(account.Id, account.Number, account.Name, account.Kind, account.Currency,
        Currencies.Format(account.BookedBalance, account.Currency), account.Status);
}
