using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Wekeza.Api.OpenApi.Examples;

namespace Wekeza.Api.OpenApi;

/// <summary>
/// Puts each operation's examples (<see cref="ApiExamples"/>) on its JSON request body, its success response and its
/// 422, written with the API's own JSON options: the document shows the bytes the API reads and writes (camelCase,
/// nulls left out).
/// </summary>
internal sealed partial class OperationExamples : IOpenApiOperationTransformer
{
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (ApiExamples.For(operation.OperationId) is not { } example)
        {
            return Task.CompletedTask;
        }

        var options = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        if (example.Request is { } request && operation.RequestBody?.Content?.TryGetValue(Json, out var body) == true)
        {
            body.Example = Write(request, options);
        }

        var success = operation.Responses?.Where(r => r.Key.StartsWith('2')).Select(r => r.Value.Content).FirstOrDefault(content => content is not null);
        if (example.Response is { } response && success?.TryGetValue(Json, out var answer) == true)
        {
            answer.Example = Write(response, options);
        }

        if (example.Invalid is { } invalid && operation.Responses?.GetValueOrDefault("422")?.Content?.TryGetValue(ProblemJson, out var problem) == true)
        {
            problem.Example = Write(ApiExamples.Delivered(invalid, Instance(context.Description.RelativePath)), options);
        }

        return Task.CompletedTask;
    }

    private static JsonNode? Write(object value, JsonSerializerOptions options) => JsonSerializer.SerializeToNode(value, value.GetType(), options);

    /// <summary>The route with the examples' ids in it: the request path the problem names.</summary>
    private static string Instance(string? route) =>
        "/" + RouteParameter().Replace(route ?? "", match => ExampleValues.RouteValues.GetValueOrDefault(match.Groups[1].Value, match.Value)).TrimEnd('/');

    [GeneratedRegex(@"\{(\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
