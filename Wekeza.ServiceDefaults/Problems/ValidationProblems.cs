using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Wekeza.ServiceDefaults;

/// <summary>
/// The one shape of "the body was read but breaks a rule" in every service: 422 <c>validation_failed</c> (docs/errors.md)
/// with <c>errors</c> naming each field, such as <c>redirectUris[0]</c>, and what is wrong with it.
/// </summary>
public static class ValidationProblems
{
    public static ProblemHttpResult Result(Dictionary<string, string[]> errors, string title) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = title,
            Detail = "Fix the fields named in errors and send the request again.",
        });
}
