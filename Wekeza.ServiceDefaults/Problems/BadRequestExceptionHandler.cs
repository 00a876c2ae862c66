using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Wekeza.ServiceDefaults;

/// <summary>
/// A request the framework could not read (malformed JSON, a value of the wrong type, a body too large, a bad header)
/// is the client's error: answer with its 4xx status, not a 500, and name the field when the JSON says which.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var type = ProblemCatalog.ForStatus(badRequest.StatusCode);
        var problem = badRequest.InnerException is JsonException json
            ? new HttpValidationProblemDetails(FieldErrors(json)) { Detail = "The body is not the JSON this endpoint reads: see errors." }
            : type.Details(type == ProblemCatalog.PayloadTooLarge ? "The request body is over the limit (docs/api-guide.md, Conventions)." : Describe(badRequest));
        problem.Status = badRequest.StatusCode;
        problem.Extensions[ProblemCatalog.CodeProperty] = type.Code;

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    /// <summary>The framework's own words name the parameter, never our code's internals.</summary>
    private static string Describe(BadHttpRequestException badRequest) => badRequest.Message;

    /// <summary><c>$.initiation.instructedAmount.amount</c> becomes the field <c>initiation.instructedAmount.amount</c>.</summary>
    private static Dictionary<string, string[]> FieldErrors(JsonException json)
    {
        var field = json.Path is { Length: > 1 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
            : json.Path is { Length: > 1 } indexed && indexed.StartsWith('$') ? indexed[1..]
            : "";
        var message = json.LineNumber is { } line && field.Length == 0
            ? $"The body is not valid JSON (line {line + 1}, position {json.BytePositionInLine + 1})."
            : json is StorableText.UnreadableTextException unreadable ? unreadable.Reason
            : field.Length == 0 ? "The body is not valid JSON." : "This value is not of the type this field takes, or is not valid JSON.";
        return new Dictionary<string, string[]> { [field] = [message] };
    }
}
