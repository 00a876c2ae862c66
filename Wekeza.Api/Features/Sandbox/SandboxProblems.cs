using Microsoft.AspNetCore.Http.HttpResults;
using Wekeza.Api.Features.Consents;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Features.Sandbox;

internal static class SandboxProblems
{
    public static ProblemHttpResult SandboxOnly() => ProblemCatalog.SandboxOnly.Result("This is a production app: it has no sandbox. Use one of your sandbox apps (client id sbx_…).");

    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors, string title) => ValidationProblems.Result(errors, title);

    public static ProblemHttpResult AccountNotFound(string accountId) => ProblemCatalog.AccountNotFound.Result($"No test customer has an account '{accountId}'. GET /v1/sandbox/customers lists them.");

    public static ProblemHttpResult PaymentNotFound(string paymentId) => ProblemCatalog.PaymentNotFound.Result($"Your app has no payment '{paymentId}'.");

    public static ProblemHttpResult ConsentNotFound(string consentId) => ProblemCatalog.ConsentNotFound.Result($"Your app has no consent '{consentId}'.");
}
