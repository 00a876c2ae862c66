using Wekeza.Auth.Server;

namespace Wekeza.Auth.Features.Discovery;

/// <summary>GET /: a signpost for people and tools that land on the root, pointing to the discovery document.</summary>
internal static class ServiceInfoEndpoint
{
    public static IEndpointRouteBuilder MapServiceInfo(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpRequest request) => TypedResults.Ok(new ServiceInfo(
            "Wekeza.Auth",
            $"{request.Scheme}://{request.Host}{request.PathBase}/{AuthRoutes.Discovery}")));
        return app;
    }

    internal sealed record ServiceInfo(string Service, string Discovery);
}
