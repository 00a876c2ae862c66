using Wekeza.Api.Features.Accounts;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Features.Payments;
using Wekeza.Api.Features.Sandbox;
using Wekeza.Api.Features.Usage;
using Wekeza.Api.Features.Webhooks;

namespace Wekeza.Api.Features;

internal static class ApiRoutes
{
    /// <summary>
    /// /v1: every endpoint under it requires an authenticated caller unless it opts out, and adds the scope it
    /// needs on top. Infrastructure (health, metrics, OpenAPI, docs) lives outside it and is public.
    /// </summary>
    public static IEndpointRouteBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireAuthorization().AddEndpointFilter(SandboxScenarios.Filter);
        v1.MapAccounts();
        v1.MapConsents();
        v1.MapMyConsents();
        v1.MapAdminConsents();
        v1.MapPaymentConsents();
        v1.MapPayments();
        v1.MapWebhooks();
        v1.MapSandbox();
        v1.MapUsage();
        return app;
    }
}
