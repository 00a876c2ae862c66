using Wekeza.Api.Features.Shared;
using Wekeza.Api.Security;

namespace Wekeza.Api.Features.Sandbox;

/// <summary>
/// The sandbox's controls: its test customers, simulated incoming transactions, fired webhook events, forced payment
/// outcomes, consent expiry, the app's test clock and the reset. Mapped twice with the same handlers, like webhooks:
/// for the app (<c>/v1/sandbox…</c>, its client-credentials token) and for its developer
/// (<c>/v1/apps/{clientId}/sandbox…</c>, the portal's token with <c>sandbox.manage</c>). Sandbox apps only; each
/// control acts on the app's own consents and payments, and anything else is 404.
/// </summary>
internal static class SandboxApi
{
    public static RouteGroupBuilder MapSandbox(this RouteGroupBuilder v1)
    {
        Map(v1.MapGroup("").AddEndpointFilter(AppOwner.AppFilter), "");
        Map(v1.MapGroup("/apps/{clientId}").RequireScope(ApiScopes.SandboxManage).AddEndpointFilter(AppOwner.DeveloperFilter), "ForDeveloper");
        return v1;
    }

    private static void Map(RouteGroupBuilder owner, string suffix)
    {
        var sandbox = owner.MapGroup("/sandbox").WithTags("Sandbox").AddEndpointFilter(SandboxOnly);
        sandbox.MapGet("/customers", SandboxCustomers.ListAsync).WithName("ListSandboxCustomers" + suffix)
            .WithSummary("The test customers, their sign-in details and accounts");
        sandbox.MapGet("/clock", SandboxClockApi.GetAsync).WithName("GetSandboxClock" + suffix).WithSummary("The app's sandbox time");
        sandbox.MapPost("/clock/advance", SandboxClockApi.AdvanceAsync).WithName("AdvanceSandboxClock" + suffix)
            .WithSummary("Move the app's sandbox clock forward: what falls due happens now").ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        sandbox.MapPost("/accounts/{accountId}/incoming-transactions", SandboxControls.IncomingAsync).WithName("CreateSandboxIncomingTransaction" + suffix)
            .WithSummary("Book an incoming transfer on a test customer's account (emits transaction.posted)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        sandbox.MapPost("/webhooks/fire", SandboxControls.FireAsync).WithName("FireSandboxWebhook" + suffix)
            .WithSummary("Send an example event of any type to the app's subscribed endpoints").ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        sandbox.MapPost("/payments/{paymentId}/outcome", SandboxControls.OutcomeAsync).WithName("SetSandboxPaymentOutcome" + suffix)
            .WithSummary("Move a payment still in process to a final state").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        sandbox.MapPost("/consents/{consentId}/expire", SandboxControls.ExpireAsync).WithName("ExpireSandboxConsent" + suffix)
            .WithSummary("Expire one of the app's consents now").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sandbox.MapPost("/reset", SandboxReset.ResetAsync).WithName("ResetSandbox" + suffix)
            .WithSummary("Remove the app's consents, payments and simulated transactions, and reset its clock").ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>A production app has no sandbox: its controls would touch real customers' money.</summary>
    private static ValueTask<object?> SandboxOnly(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        AppOwner.Of(invocation.HttpContext).IsSandbox
            ? next(invocation)
            : ValueTask.FromResult<object?>(SandboxProblems.SandboxOnly());
}
