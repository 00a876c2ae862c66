using Microsoft.AspNetCore;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace Wekeza.Api.Security;

/// <summary>
/// When a token cannot be checked because auth's keys could not be fetched (auth down at our start, before any
/// keys were cached), OpenIddict challenges with <c>server_error</c> and a 500. It is an outage of a dependency,
/// not a bug here and not the caller's fault: answer 503, so clients retry and monitoring tells the two apart.
/// </summary>
internal static class AuthServerUnavailable
{
    // Keys are fetched again on the next request that needs them; a few seconds lets a restarting auth come up.
    private const string RetryAfterSeconds = "5";

    public static OpenIddictValidationBuilder AnswerServiceUnavailable(this OpenIddictValidationBuilder validation) =>
        validation.AddEventHandler<ProcessChallengeContext>(handler => handler
            .UseInlineHandler(context =>
            {
                if (context.Transaction.Response?.Error is Errors.ServerError
                    && context.Transaction.GetHttpRequest()?.HttpContext.Response is { HasStarted: false } response)
                {
                    response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    response.Headers.RetryAfter = RetryAfterSeconds;
                }

                return ValueTask.CompletedTask;
            })
            .SetOrder(OpenIddictValidationAspNetCoreHandlers.AttachHttpResponseCode<ProcessChallengeContext>.Descriptor.Order + 1)
            .SetType(OpenIddictValidationHandlerType.Custom));
}
