using Microsoft.AspNetCore.Http.HttpResults;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Features.Consents;

internal static class ConsentIds
{
    /// <summary><c>cns_</c> and 32 hex digits: anything else cannot be a consent.</summary>
    public static bool IsWellFormed(string id) =>
        id.Length == 36 && id.StartsWith("cns_", StringComparison.Ordinal) && id.AsSpan(4).IndexOfAnyExcept("0123456789abcdef") < 0;
}

internal static class ConsentProblems
{
    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) => ValidationProblems.Result(errors, "The consent could not be created");

    public static ProblemHttpResult NotFound(string consentId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Consent not found",
        detail: $"Your app has no consent with id '{consentId}'.");

    public static ProblemHttpResult AppTokenRequired() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Use the app's own token",
        detail: "Consents are created by the app itself: use a client-credentials access token, not one obtained for a customer.",
        extensions: new Dictionary<string, object?> { ["code"] = "app_token_required" });
}
