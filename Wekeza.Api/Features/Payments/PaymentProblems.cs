using Microsoft.AspNetCore.Http.HttpResults;
using Wekeza.Api.Features.Consents;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Features.Payments;

internal static class PaymentProblems
{
    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors, string title) => ValidationProblems.Result(errors, title);

    public static ProblemHttpResult KeyRequired() => ConsentProblems.Coded(StatusCodes.Status400BadRequest, "idempotency_key_required",
        "Idempotency-Key is required", "Send an Idempotency-Key header (e.g. a UUID) with every payment, and the same key when you retry it.");

    public static ProblemHttpResult KeyInvalid() => ConsentProblems.Coded(StatusCodes.Status400BadRequest, "idempotency_key_invalid",
        "Idempotency-Key is malformed", "An Idempotency-Key is 1–255 characters of letters, digits and - _ . : (a UUID is ideal).");

    public static ProblemHttpResult KeyReused() => ConsentProblems.Coded(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused",
        "Idempotency-Key already used for another request",
        "This key was used in the last 24 hours with a different request. Use a new key for a new payment; resend the original request unchanged to get its response.");

    public static ProblemHttpResult KeyBusy() => ConsentProblems.Coded(StatusCodes.Status409Conflict, "idempotency_key_in_use",
        "A request with this Idempotency-Key is in progress",
        "Another request with this key has not finished yet. Retry in a second: you will get its response.");

    public static ProblemHttpResult NotFound(string paymentId) => ConsentProblems.Coded(StatusCodes.Status404NotFound, "payment_not_found",
        "Payment not found", $"Your app has no payment with id '{paymentId}'.");

    public static ProblemHttpResult ConsentNotFound(string consentId) => ConsentProblems.Coded(StatusCodes.Status404NotFound, "consent_not_found",
        "Payment consent not found", $"Your app has no payment consent with id '{consentId}'.");

    public static ProblemHttpResult Forbidden(string code, string title, string detail) =>
        ConsentProblems.Coded(StatusCodes.Status403Forbidden, code, title, detail);

    public static ProblemHttpResult Conflict(string code, string title, string detail) =>
        ConsentProblems.Coded(StatusCodes.Status409Conflict, code, title, detail);
}
