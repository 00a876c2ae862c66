using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Wekeza.Auth.Server;

/// <summary>
/// OpenIddict answers a scope the client is not permitted with <c>invalid_request</c> (its error ID2051). RFC 6749
/// (§4.1.2.1, §5.2) names that case <c>invalid_scope</c>, which is what OAuth client libraries look for, so the
/// answer is renamed on its way out of the token and authorization endpoints.
/// </summary>
internal static class ScopeErrors
{
    private const string ScopeNotPermitted = "ID2051";

    public static OpenIddictServerBuilder UseStandardScopeErrors(this OpenIddictServerBuilder server) => server
        .AddEventHandler<ApplyTokenResponseContext>(handler => handler
            .UseInlineHandler(context => Rename(context.Response))
            .SetOrder(int.MinValue + 100_000))
        .AddEventHandler<ApplyAuthorizationResponseContext>(handler => handler
            .UseInlineHandler(context => Rename(context.Response))
            .SetOrder(int.MinValue + 100_000))
        .AddEventHandler<ApplyPushedAuthorizationResponseContext>(handler => handler
            .UseInlineHandler(context => Rename(context.Response))
            .SetOrder(int.MinValue + 100_000));

    /// <summary>For error pages that show a response OpenIddict handed to us (error pass-through).</summary>
    public static void Normalize(OpenIddict.Abstractions.OpenIddictResponse response) => Rename(response);

    private static ValueTask Rename(OpenIddict.Abstractions.OpenIddictResponse response)
    {
        if (response.Error == Errors.InvalidRequest && response.ErrorUri?.EndsWith(ScopeNotPermitted, StringComparison.Ordinal) is true)
        {
            response.Error = Errors.InvalidScope;
        }

        return ValueTask.CompletedTask;
    }
}
