using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Wekeza.Api.Security;

/// <summary>
/// A valid token without the scope an endpoint needs gets a 403 whose <c>detail</c> names the missing scope, so the
/// app knows what to ask for (docs/errors.md). Every other outcome is the framework's usual challenge or forbid.
/// </summary>
internal sealed class MissingScopeProblem(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var missing = authorizeResult.Forbidden
            ? authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().Select(r => r.Scope).ToList()
            : null;
        if (missing is not { Count: > 0 })
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        // Forbid through the token scheme first: it sets the status and WWW-Authenticate (error="insufficient_access").
        await context.ForbidAsync();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Detail = $"This needs the scope {string.Join(" ", missing)}, which the access token does not carry.",
            },
        });
    }
}
