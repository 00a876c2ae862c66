using System.Globalization;
using System.Text.Json.Nodes;

namespace Wekeza.Portal.Console;

/// <summary>
/// Bodies that work as they are, for the operations a developer tries first (the OpenAPI document has no examples):
/// the same ones the console itself sends to authorise and pay.
/// </summary>
public static class RequestExamples
{
    public const string DefaultReference = "Console test";

    public static readonly IReadOnlyList<string> ConsentPermissions = ["ReadAccounts", "ReadBalances", "ReadTransactions"];

    /// <summary>
    /// Accounts, balances and a year of transactions (the test customers' history), for 90 days: well inside the
    /// API's 5 minutes to 365 days.
    /// </summary>
    public static JsonObject AccountConsent(DateTimeOffset now) => new()
    {
        ["permissions"] = new JsonArray([.. ConsentPermissions.Select(permission => (JsonNode?)permission)]),
        ["expiresAt"] = Timestamp(now.AddDays(90)),
        ["transactionFromDateTime"] = Timestamp(new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddYears(-1)),
        ["transactionToDateTime"] = Timestamp(now.AddDays(90)),
    };

    public static JsonObject Initiation(
        string amount, string currency, string schemeName, string identification, string creditorName, string reference) => new()
    {
        ["instructedAmount"] = new JsonObject { ["amount"] = amount, ["currency"] = currency },
        ["creditorAccount"] = new JsonObject { ["schemeName"] = schemeName, ["identification"] = identification },
        ["creditorName"] = creditorName,
        ["reference"] = reference,
    };

    public static JsonObject DefaultInitiation() =>
        Initiation("100.00", "KES", TestPaymentForm.WekezaScheme, TestPaymentForm.FallbackCreditor.Number, TestPaymentForm.FallbackCreditor.Name,
            DefaultReference);

    /// <summary>The console's body for an operation, or null to use the document's own template.</summary>
    public static string? For(ApiOperation operation, DateTimeOffset now, string? paymentConsentId, JsonObject? paymentInitiation)
    {
        JsonObject? body = operation.Key switch
        {
            "POST /v1/consents" => AccountConsent(now),
            "POST /v1/payment-consents" => new JsonObject { ["initiation"] = DefaultInitiation() },
            "POST /v1/payments" => new JsonObject
            {
                ["consentId"] = paymentConsentId ?? "pcn_…",
                ["initiation"] = paymentInitiation?.DeepClone() ?? DefaultInitiation(),
            },
            "POST /v1/webhook-endpoints" => new JsonObject
            {
                ["url"] = "http://localhost:8080/webhooks/wekeza",
                ["eventTypes"] = new JsonArray("payment.completed", "payment.failed", "payment.rejected"),
                ["description"] = "From the try-it console",
            },
            _ => null,
        };
        return body is null ? null : ConsoleJson.Pretty(ConsoleJson.Compact(body));
    }

    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
