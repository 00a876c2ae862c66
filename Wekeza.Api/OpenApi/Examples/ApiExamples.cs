using Microsoft.AspNetCore.Mvc;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.OpenApi.Examples;

/// <summary>Every feature's examples, by operation name (<c>.WithName(…)</c>).</summary>
internal static class ApiExamples
{
    // Examples show the catalog's default address; a running service shows its configured portal's.
    private static readonly ProblemTypeLinks ExampleTypeLinks = new(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

    /// <summary>A developer's variant of an app's operation (<c>/v1/apps/{clientId}/…</c>): the same handler, so the same examples.</summary>
    public const string DeveloperSuffix = "ForDeveloper";

    public static IReadOnlyDictionary<string, OperationExample> ByOperation { get; } = new[]
    {
        AccountExamples.ByOperation, ConsentExamples.ByOperation, PaymentExamples.ByOperation, WebhookEndpointExamples.ByOperation,
        SandboxExamples.ByOperation, UsageExamples.ByOperation,
    }.SelectMany(feature => feature).ToDictionary(StringComparer.Ordinal);

    public static OperationExample? For(string? operationId) => operationId is null ? null
        : ByOperation.GetValueOrDefault(operationId.EndsWith(DeveloperSuffix, StringComparison.Ordinal) ? operationId[..^DeveloperSuffix.Length] : operationId);

    /// <summary>
    /// The problem as a client receives it: with what every service adds on the way out (ProblemDetailsDefaults: the
    /// request path as <c>instance</c>, the <c>code</c>, the <c>traceId</c>). A copy: one example serves two operations.
    /// </summary>
    public static ProblemDetails Delivered(ProblemDetails problem, string instance)
    {
        var delivered = problem is HttpValidationProblemDetails validation ? new HttpValidationProblemDetails(validation.Errors) : new ProblemDetails();
        (delivered.Type, delivered.Title, delivered.Status, delivered.Detail, delivered.Instance) =
            (problem.Type, problem.Title, problem.Status, problem.Detail, problem.Instance ?? instance);
        foreach (var (name, value) in problem.Extensions)
        {
            delivered.Extensions[name] = value;
        }

        var type = ProblemCatalog.Find(problem.Extensions.TryGetValue(ProblemCatalog.CodeProperty, out var code) ? code as string : null)
                   ?? ProblemCatalog.ForStatus(problem.Status ?? StatusCodes.Status500InternalServerError);
        delivered.Type = ExampleTypeLinks.For(type);
        delivered.Title = type.Title;
        delivered.Extensions[ProblemCatalog.CodeProperty] = type.Code;
        delivered.Extensions["retryable"] = type.Retryable;
        delivered.Extensions["traceId"] = ExampleValues.TraceId;
        delivered.Extensions["interactionId"] = ExampleValues.InteractionId;
        return delivered;
    }
}
