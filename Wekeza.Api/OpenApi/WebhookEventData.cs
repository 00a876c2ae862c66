using System.ComponentModel;

namespace Wekeza.Api.OpenApi;

// The `data` of each webhook event, for the OpenAPI document's schemas and examples. They describe what
// Wekeza.Workers/Webhooks/WebhookFanOut.cs (and the test endpoint) write, property for property and in the same order:
// a change there is a change here.

/// <summary>The data of <c>payment.completed</c>, <c>payment.failed</c> and <c>payment.rejected</c>: the payment after the change.</summary>
internal sealed record PaymentWebhookData(
    [property: Description("The payment (`pmt_…`); also the event's subject.")] string PaymentId,
    [property: Description("The payment consent it was made under (`pcn_…`).")] string ConsentId,
    [property: Description("`Completed`, `Failed` or `Rejected`.")] string Status,
    [property: Description("Why it failed or was rejected (docs/errors.md, \"Payment reason codes\"); null when completed.")] string? ReasonCode,
    [property: Description("A decimal string with the currency's decimals, such as `1500.00`.")] string Amount,
    [property: Description("ISO 4217, such as `KES`.")] string Currency,
    [property: Description("The customer's account paid from (`acc_…`).")] string DebtorAccountId,
    [property: Description("The creditor's name, as in the consent.")] string CreditorName,
    [property: Description("The reference the creditor sees, as in the consent.")] string Reference,
    [property: Description("When the payment reached this status.")] DateTimeOffset StatusUpdatedAt);

/// <summary>The data of the consent events: the consent after the change.</summary>
internal sealed record ConsentWebhookData(
    [property: Description("The consent (`cns_…` account access, `pcn_…` payment); also the event's subject.")] string ConsentId,
    [property: Description("`account-access` or `domestic-payment`.")] string Kind,
    [property: Description("`Authorised`, `Rejected`, `Revoked` or `Expired`.")] string Status,
    [property: Description("What the consent grants (`ReadAccounts`, `ReadBalances`, `ReadTransactions`); empty for a payment consent.")] IReadOnlyList<string> Permissions,
    [property: Description("The accounts the customer picked (`acc_…`); empty until authorised.")] IReadOnlyList<string> AccountIds,
    [property: Description("When the consent ends (or ended).")] DateTimeOffset ExpiresAt);

/// <summary>The data of <c>transaction.posted</c>: one booking on one account.</summary>
internal sealed record TransactionPostedWebhookData(
    [property: Description("The account booked on (`acc_…`); also the event's subject.")] string AccountId,
    [property: Description("The transaction (`txn_…`), as `GET /v1/accounts/{id}/transactions` shows it.")] string TransactionId,
    [property: Description("A decimal string, always positive: see creditDebitIndicator.")] string Amount,
    [property: Description("ISO 4217, such as `KES`.")] string Currency,
    [property: Description("`Credit` (money in) or `Debit` (money out).")] string CreditDebitIndicator,
    [property: Description("The account's booked balance after this transaction, a decimal string.")] string BalanceAfter,
    [property: Description("What the customer sees on the statement.")] string Description,
    [property: Description("The payment's reference, when there is one.")] string? Reference,
    [property: Description("When it was booked.")] DateTimeOffset BookedAt);

/// <summary>The data of <c>webhook.test</c>.</summary>
internal sealed record TestWebhookData(
    [property: Description("The endpoint the test was sent to (`we_…`); also the event's subject.")] string EndpointId,
    [property: Description("A fixed sentence; nothing to act on.")] string Message);
