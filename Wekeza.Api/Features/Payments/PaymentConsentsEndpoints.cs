using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Security;
using Wekeza.Banking.Consents;
using Wekeza.Banking.CoreBanking;

namespace Wekeza.Api.Features.Payments;

/// <summary>
/// <c>/v1/payment-consents</c>: a merchant app asks, with its own client-credentials token, for the customer's consent
/// to one payment (amount, creditor, reference); the customer authorises it at the bank, choosing the account to pay
/// from. Only the app that created a consent can see it.
/// </summary>
internal static class PaymentConsentsEndpoints
{
    public static RouteGroupBuilder MapPaymentConsents(this RouteGroupBuilder v1)
    {
        var consents = v1.MapGroup("/payment-consents").RequireScope(ApiScopes.PaymentsWrite).WithTags("Payments");
        consents.MapPost("/", CreateAsync).WithName("CreatePaymentConsent").WithSummary("Create a single-payment consent")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status403Forbidden);
        consents.MapGet("/{consentId}", GetAsync).WithName("GetPaymentConsent").WithSummary("Read a payment consent and its status")
            .ProducesProblem(StatusCodes.Status404NotFound);
        consents.MapDelete("/{consentId}", RevokeAsync).WithName("RevokePaymentConsent").WithSummary("Withdraw a payment consent before it is used")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Results<Created<PaymentConsentResponse>, ProblemHttpResult>> CreateAsync(
        CreatePaymentConsentRequest? request, BankDbContext db, IOptions<PaymentLimits> limits, TimeProvider clock, HttpContext context)
    {
        if (CallerApp.Of(context.User) is not { IsActingForItself: true } app)
        {
            return ConsentProblems.AppTokenRequired();
        }

        var now = clock.GetUtcNow();
        var errors = request is null ? new() { [""] = ["Send a JSON body with initiation (and optionally expiresAt)."] } : PaymentRules.CheckExpiry(request.ExpiresAt, now);
        var initiation = request is null ? null : PaymentRules.Read(request.Initiation, limits.Value, errors);
        if (initiation is null || errors.Count > 0)
        {
            return PaymentProblems.Invalid(errors, "The payment consent could not be created");
        }

        var consent = Consent.CreatePayment(app.ClientId, initiation, request!.ExpiresAt ?? now + PaymentRules.DefaultLifetime, now,
            context.Connection.RemoteIpAddress?.ToString());
        db.Consents.Add(consent);
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Created($"/v1/payment-consents/{consent.Id}", PaymentConsentResponse.From(consent, now));
    }

    private static async Task<Results<Ok<PaymentConsentResponse>, ProblemHttpResult>> GetAsync(
        string consentId, BankDbContext db, TimeProvider clock, HttpContext context) =>
        await FindOwnAsync(consentId, db, context) is { } consent
            ? TypedResults.Ok(PaymentConsentResponse.From(consent, clock.GetUtcNow()))
            : PaymentProblems.ConsentNotFound(consentId);

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string consentId, BankDbContext db, ConsentStore store, TimeProvider clock, HttpContext context) =>
        await FindOwnAsync(consentId, db, context) is { } consent
            ? await ConsentChanges.RevokeAsync(consent, $"app:{consent.ClientId}", store, clock, context)
            : PaymentProblems.ConsentNotFound(consentId);

    private static async Task<Consent?> FindOwnAsync(string consentId, BankDbContext db, HttpContext context)
    {
        if (CallerApp.Of(context.User) is not { } app || !ConsentIds.IsPaymentConsent(consentId))
        {
            return null;
        }

        return await db.Consents.Include(c => c.Events)
            .SingleOrDefaultAsync(c => c.Id == consentId && c.ClientId == app.ClientId, context.RequestAborted);
    }
}
