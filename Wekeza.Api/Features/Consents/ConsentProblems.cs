using Wekeza.Banking.Consents;
using Microsoft.AspNetCore.Http.HttpResults;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Features.Consents;

internal static class ConsentIds
{
    /// <summary><c>cns_</c> (account access) or <c>pcn_</c> (payment) and 32 hex digits: anything else cannot be a consent.</summary>
    public static bool IsWellFormed(string id) =>
        id.Length == 36 && (id.StartsWith("cns_", StringComparison.Ordinal) || id.StartsWith("pcn_", StringComparison.Ordinal))
        && id.AsSpan(4).IndexOfAnyExcept("0123456789abcdef") < 0;

    public static bool IsAccountConsent(string id) => IsWellFormed(id) && id.StartsWith("cns_", StringComparison.Ordinal);

    public static bool IsPaymentConsent(string id) => IsWellFormed(id) && id.StartsWith("pcn_", StringComparison.Ordinal);
}

internal static class ConsentProblems
{
    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) => ValidationProblems.Result(errors, "The consent could not be created");

    public static ProblemHttpResult NotFound(string consentId) => ProblemCatalog.NotFound.Result($"Your app has no consent with id '{consentId}'.");

    public static ProblemHttpResult Unknown(string consentId) => ProblemCatalog.ConsentNotFound.Result($"There is no consent with id '{consentId}'.");

    public static ProblemHttpResult PersonTokenRequired() => ProblemCatalog.CustomerTokenRequired.Result(
        "This endpoint acts for a signed-in person: an app's client-credentials token cannot use it.");

    public static ProblemHttpResult AdminRequired() => ProblemCatalog.AdminRequired.Result(
        "Only a platform administrator may look up other people's consents.");

    /// <summary>Another request changed the consent between our read and our write; nothing was saved.</summary>
    public static ProblemHttpResult ChangedMeanwhile(string consentId) => ProblemCatalog.ConsentChanged.Result(
        $"Consent '{consentId}' was changed by another request at the same time. Read it again and retry.");

    public static ProblemHttpResult Refused(ConsentRuleException rule) => rule.Type.Result(rule.Message);

    public static ProblemHttpResult AppTokenRequired() => ProblemCatalog.AppTokenRequired.Result(
        "Consents are created by the app itself: use a client-credentials access token, not one obtained for a customer.");
}
