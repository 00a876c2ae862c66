using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Wekeza.Api.Gateway.Versioning;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.OpenApi;

/// <summary>Marks the operations <c>Versioning:Deprecations</c> announces as <c>deprecated: true</c>, with their sunset date.</summary>
internal sealed class DeprecatedOperations(IConfiguration configuration, ProblemTypeLinks links) : IOpenApiOperationTransformer
{
    private readonly IReadOnlyList<ApiDeprecation> _deprecations = ApiDeprecations.FromConfiguration(configuration, links.Changelog);

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (description.HttpMethod is { } method && description.RelativePath is { } path
            && _deprecations.FirstOrDefault(deprecation => deprecation.Covers(method, path)) is { } deprecation)
        {
            operation.Deprecated = true;
            operation.Description = $"{operation.Description}\n\nDeprecated; retired on {deprecation.SunsetHeader} ({deprecation.Link}).".TrimStart();
        }

        return Task.CompletedTask;
    }
}
