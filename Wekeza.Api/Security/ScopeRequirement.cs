using Microsoft.AspNetCore.Authorization;
using OpenIddict.Abstractions;

namespace Wekeza.Api.Security;

/// <summary>The caller's access token carries <see cref="Scope"/>.</summary>
internal sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

internal sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        // OpenIddict validation maps the token's space-separated "scope" claim to one claim per scope.
        if (context.User.HasScope(requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
