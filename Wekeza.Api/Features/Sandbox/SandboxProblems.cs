using Microsoft.AspNetCore.Http.HttpResults;
using Wekeza.Api.Features.Consents;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Features.Sandbox;

internal static class SandboxProblems
{
    public static ProblemHttpResult SandboxOnly() => ConsentProblems.Coded(StatusCodes.Status403Forbidden, "sandbox_only",
        "Sandbox controls are for sandbox apps", "This is a production app: it has no sandbox. Use one of your sandbox apps (client id sbx_…).");

    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors, string title) => ValidationProblems.Result(errors, title);

    public static ProblemHttpResult AccountNotFound(string accountId) => ConsentProblems.Coded(StatusCodes.Status404NotFound, "account_not_found",
        "Account not found", $"No test customer has an account '{accountId}'. GET /v1/sandbox/customers lists them.");

    public static ProblemHttpResult PaymentNotFound(string paymentId) => ConsentProblems.Coded(StatusCodes.Status404NotFound, "payment_not_found",
        "Payment not found", $"Your app has no payment '{paymentId}'.");

    public static ProblemHttpResult ConsentNotFound(string consentId) => ConsentProblems.Coded(StatusCodes.Status404NotFound, "consent_not_found",
        "Consent not found", $"Your app has no consent '{consentId}'.");
}
