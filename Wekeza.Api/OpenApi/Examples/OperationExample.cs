using Microsoft.AspNetCore.Mvc;

namespace Wekeza.Api.OpenApi.Examples;

/// <summary>
/// What the document shows for one operation: the body a client sends (null when it sends none), the main success
/// answer (null when there is no body, as for a 204) and, where the operation declares a 422, the validation problem.
/// Instances of the endpoint's own request and response records, written with the API's JSON options when the document
/// is generated (<see cref="OperationExamples"/>): a record that changes shape changes its example, or stops it compiling.
/// </summary>
internal sealed record OperationExample(object? Request, object? Response, ProblemDetails? Invalid = null);
