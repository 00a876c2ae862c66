using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Wekeza.ServiceDefaults;

/// <summary>
/// One entry of the error catalog (<see cref="ProblemCatalog"/>, docs/errors.md): the stable <c>code</c> clients switch
/// on, its HTTP status, its title (the same for every occurrence, as RFC 9457 wants; <c>detail</c> says what happened
/// this time), and whether sending the same request again later may succeed.
/// </summary>
public sealed record ProblemType(string Code, int Status, string Title, bool Retryable)
{
    /// <summary>The problem as an endpoint's result; <see cref="ProblemDetailsDefaults"/> adds type, traceId and the rest.</summary>
    public ProblemHttpResult Result(string detail, params IEnumerable<KeyValuePair<string, object?>> extensions) =>
        TypedResults.Problem(Details(detail, extensions));

    /// <summary>The problem's body, for middleware that writes it through <see cref="IProblemDetailsService"/>.</summary>
    public ProblemDetails Details(string? detail, params IEnumerable<KeyValuePair<string, object?>> extensions)
    {
        var problem = new ProblemDetails { Status = Status, Title = Title, Detail = detail };
        problem.Extensions[ProblemCatalog.CodeProperty] = Code;
        foreach (var (name, value) in extensions)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    /// <summary>Writes the problem as the response (for middleware); false when the client accepts no JSON (the status stays).</summary>
    public ValueTask<bool> WriteAsync(HttpContext context, string? detail, params IEnumerable<KeyValuePair<string, object?>> extensions)
    {
        context.Response.StatusCode = Status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Details(detail, extensions),
        });
    }
}
