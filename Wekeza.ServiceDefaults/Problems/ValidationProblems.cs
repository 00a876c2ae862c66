using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Wekeza.ServiceDefaults;

/// <summary>
/// The one shape of "the body was read but breaks a rule" in every service: 422 <c>validation_failed</c> (docs/errors.md)
/// with <c>errors</c> naming each field, such as <c>redirectUris[0]</c>, and what is wrong with it.
/// </summary>
public static class ValidationProblems
{
    /// <param name="errors">Messages per field.</param>
    /// <param name="what">What could not be done, e.g. "The consent could not be created": the start of <c>detail</c>.</param>
    public static ProblemHttpResult Result(Dictionary<string, string[]> errors, string what) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = ProblemCatalog.ValidationFailed.Status,
            Title = ProblemCatalog.ValidationFailed.Title,
            Detail = $"{what.TrimEnd('.')}: fix the fields named in errors and send the request again.",
            Extensions = { [ProblemCatalog.CodeProperty] = ProblemCatalog.ValidationFailed.Code },
        });
}
