using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Wekeza.Api.Security;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Payments;

namespace Wekeza.Api.Features.Payments;

/// <summary>
/// <c>/v1/payments</c>: submit a payment under an authorised payment consent (202 at once; the workers process it),
/// read it and follow its status. <c>/v1/idempotency-keys/{key}</c>: what the platform remembers about a key.
/// </summary>
internal static class PaymentsEndpoints
{
    public const string SubmitOperation = "POST /v1/payments";

    public static RouteGroupBuilder MapPayments(this RouteGroupBuilder v1)
    {
        var payments = v1.MapGroup("/payments").RequireScope(ApiScopes.PaymentsWrite).WithTags("Payments");
        payments.MapPost("/", SubmitAsync).WithName("CreatePayment").WithSummary("Submit a payment (needs an Idempotency-Key)")
            .Produces<PaymentResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        payments.MapGet("/{paymentId}", GetAsync).WithName("GetPayment").WithSummary("Read a payment")
            .ProducesProblem(StatusCodes.Status404NotFound);
        payments.MapGet("/{paymentId}/status", GetStatusAsync).WithName("GetPaymentStatus").WithSummary("Follow a payment's status and its history")
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGet("/idempotency-keys/{key}", GetKeyAsync).RequireScope(ApiScopes.PaymentsWrite).WithTags("Payments")
            .WithName("GetIdempotencyKey").WithSummary("Look up what happened to a request sent with an Idempotency-Key")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return v1;
    }

    private static async Task<IResult> SubmitAsync(
        CreatePaymentRequest? request, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        PaymentSubmission submission, HttpContext context)
    {
        if (string.IsNullOrEmpty(idempotencyKey))
        {
            return PaymentProblems.KeyRequired();
        }

        if (!Idempotency.IsWellFormed(idempotencyKey))
        {
            return PaymentProblems.KeyInvalid();
        }

        return await submission.SubmitAsync(request, idempotencyKey, context);
    }

    private static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> GetAsync(string paymentId, BankDbContext db, HttpContext context) =>
        await FindOwnAsync(paymentId, db, context, withHistory: false) is { } payment
            ? TypedResults.Ok(PaymentResponse.From(payment))
            : PaymentProblems.NotFound(paymentId);

    private static async Task<Results<Ok<PaymentStatusResponse>, ProblemHttpResult>> GetStatusAsync(string paymentId, BankDbContext db, HttpContext context) =>
        await FindOwnAsync(paymentId, db, context, withHistory: true) is { } payment
            ? TypedResults.Ok(PaymentStatusResponse.From(payment))
            : PaymentProblems.NotFound(paymentId);

    /// <summary>The app's own payment; with a customer's token, only that customer's. Anything else is 404.</summary>
    private static async Task<Payment?> FindOwnAsync(string paymentId, BankDbContext db, HttpContext context, bool withHistory)
    {
        if (CallerApp.Of(context.User) is not { } caller || paymentId.Length != 36 || !paymentId.StartsWith("pmt_", StringComparison.Ordinal))
        {
            return null;
        }

        var payments = db.Payments.AsNoTracking().Where(p => p.Id == paymentId && p.ClientId == caller.ClientId);
        if (!caller.IsActingForItself)
        {
            payments = payments.Where(p => p.CustomerSubject == caller.Subject);
        }

        return await (withHistory ? payments.Include(p => p.History) : payments).SingleOrDefaultAsync(context.RequestAborted);
    }

    private static async Task<Results<Ok<IdempotencyKeyResponse>, ProblemHttpResult>> GetKeyAsync(
        string key, BankDbContext db, Idempotency idempotency, TimeProvider clock, HttpContext context)
    {
        if (!Idempotency.IsWellFormed(key))
        {
            return PaymentProblems.KeyInvalid();
        }

        var app = CallerApp.Of(context.User)!;
        var now = clock.GetUtcNow();
        return TypedResults.Ok(await db.InTransactionAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            // The lock first: once held, no request with the key is running, so what is recorded is the whole story.
            if (await idempotency.IsBusyAsync(app.ClientId, key, ct))
            {
                return new IdempotencyKeyResponse(key, "in_progress", SubmitOperation, null, null, null, null, null, null);
            }

            if (await idempotency.FindAsync(app.ClientId, key, now, ct) is { } record)
            {
                return new IdempotencyKeyResponse(key, "completed", record.Operation, "sha256:" + record.RequestHash, record.ResponseStatus,
                    record.ResourceId, record.ResourceId is null ? null : $"/v1/payments/{record.ResourceId}", record.CreatedAt, record.ExpiresAt);
            }

            return new IdempotencyKeyResponse(key, "unused", null, null, null, null, null, null, null);
        }, context.RequestAborted));
    }
}
