using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Wekeza.Api.Security;

internal static class ScopePolicies
{
    /// <summary>One policy per API scope: an authenticated caller whose token carries that scope.</summary>
    public static IServiceCollection AddScopePolicies(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.All)
        {
            authorization.AddPolicy(scope, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(scope)));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, ScopeRequirementHandler>());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, MissingScopeProblem>();
        return services;
    }

    /// <summary>The endpoint answers only callers whose token carries <paramref name="scope"/> (403 otherwise).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoint, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(scope);
}
