using Microsoft.AspNetCore.Http.HttpResults;
using Wekeza.ServiceDefaults;

namespace Wekeza.Api.Features.Payments;

internal static class PaymentProblems
{
    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors, string title) => ValidationProblems.Result(errors, title);

    public static ProblemHttpResult KeyRequired() => ProblemCatalog.IdempotencyKeyRequired.Result("Send an Idempotency-Key header (e.g. a UUID) with every payment, and the same key when you retry it.");

    public static ProblemHttpResult KeyInvalid() => ProblemCatalog.IdempotencyKeyInvalid.Result("An Idempotency-Key is 1–255 characters of letters, digits and - _ . : (a UUID is ideal).");

    public static ProblemHttpResult KeyReused() => ProblemCatalog.IdempotencyKeyReused.Result("This key was used in the last 24 hours with a different request. Use a new key for a new payment; resend the original request unchanged to get its response.");

    public static ProblemHttpResult KeyBusy() => ProblemCatalog.IdempotencyKeyInUse.Result("Another request with this key has not finished yet. Retry in a second: you will get its response.");

    public static ProblemHttpResult NotFound(string paymentId) => ProblemCatalog.PaymentNotFound.Result($"Your app has no payment with id '{paymentId}'.");

    public static ProblemHttpResult ConsentNotFound(string consentId) => ProblemCatalog.ConsentNotFound.Result($"Your app has no payment consent with id '{consentId}'.");

}
