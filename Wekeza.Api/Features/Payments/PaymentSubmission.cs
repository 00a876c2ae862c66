using Wekeza.ServiceDefaults;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Security;
using Wekeza.Banking.Consents;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Outbox;
using Wekeza.Banking.Payments;
using Wekeza.Consents;
using Wekeza.Payments;

namespace Wekeza.Api.Features.Payments;

/// <summary>
/// <c>POST /v1/payments</c>. In one database transaction: hold the Idempotency-Key; replay or refuse if it was used;
/// lock the consent row and check it is this app's and customer's authorised payment consent and that the payment
/// repeats it exactly; create the payment (Pending), consume the consent, record the key's response and put
/// <c>payment.created</c> and <c>consent.consumed</c> in the outbox. Then answer 202; the workers take it from there.
/// </summary>
internal sealed class PaymentSubmission(
    BankDbContext db, Idempotency idempotency, ConsentStore consents, IOptions<PaymentLimits> limits,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, PaymentMetrics metrics, TimeProvider clock)
{
    private abstract record Outcome;

    private sealed record Done(IdempotencyRecord Record, bool Replayed, ConsentSnapshot? Consumed) : Outcome;

    private sealed record Refused(ProblemHttpResult Problem) : Outcome;

    public async Task<IResult> SubmitAsync(CreatePaymentRequest? request, string key, HttpContext context)
    {
        if (CallerApp.Of(context.User) is not { IsActingForItself: false } caller)
        {
            return ProblemCatalog.CustomerTokenRequired.Result("A payment is submitted with the token the customer authorised for its payment consent, not with the app's own token.");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.ConsentId))
        {
            errors["consentId"] = ["Give the id of the authorised payment consent this payment is made under."];
        }

        var initiation = PaymentRules.Read(request?.Initiation, limits.Value, errors);
        if (initiation is null || errors.Count > 0)
        {
            return PaymentProblems.Invalid(errors, "The payment could not be submitted");
        }

        if (context.User.FindFirst(ConsentClaims.ConsentId)?.Value != request!.ConsentId)
        {
            return ProblemCatalog.ConsentInvalid.Result($"This token was issued under another consent; use the token the customer authorised for {request.ConsentId}.");
        }

        var fingerprint = Idempotency.Fingerprint(PaymentsEndpoints.SubmitOperation, request);
        Outcome outcome;
        try
        {
            outcome = await db.InTransactionAsync(
                ct => SubmitInTransactionAsync(caller, key, fingerprint, request.ConsentId!, initiation, context.Connection.RemoteIpAddress?.ToString(), ct),
                context.RequestAborted);
        }
        catch (Idempotency.KeyBusyException)
        {
            context.Response.Headers.RetryAfter = "1";
            return PaymentProblems.KeyBusy();
        }

        switch (outcome)
        {
            case Done done:
                if (done.Consumed is { } consumed)
                {
                    await consents.WriteThroughAsync(consumed);
                }

                if (!done.Replayed)
                {
                    metrics.Accepted(caller.ClientId);
                }

                return new RecordedResponse(done.Record, done.Replayed);
            case Refused refused:
                return refused.Problem;
            default:
                throw new InvalidOperationException("Unreachable.");
        }
    }

    private async Task<Outcome> SubmitInTransactionAsync(CallerApp caller, string key, string fingerprint, string consentId,
        PaymentInitiation initiation, string? address, CancellationToken ct)
    {
        // A retry of the whole unit (a dropped connection) starts from the database, not from the failed attempt.
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        await idempotency.LockAsync(caller.ClientId, key, ct);
        if (await idempotency.FindAsync(caller.ClientId, key, now, ct) is { } earlier)
        {
            return earlier.RequestHash == fingerprint && earlier.Operation == PaymentsEndpoints.SubmitOperation
                ? new Done(earlier, Replayed: true, Consumed: null)
                : new Refused(PaymentProblems.KeyReused());
        }

        // The consent row stays locked until the commit: two payments under one consent queue here, and the second
        // finds it Consumed.
        var consent = ConsentIds.IsPaymentConsent(consentId)
            ? await db.Consents.FromSql($"SELECT *, xmin FROM consents WHERE \"Id\" = {consentId} FOR UPDATE").SingleOrDefaultAsync(ct)
            : null;
        if (consent is null || consent.ClientId != caller.ClientId || consent.CustomerSubject != caller.Subject || !consent.IsPayment)
        {
            return new Refused(ProblemCatalog.ConsentInvalid.Result("consentId must name a payment consent your app created and this customer authorised."));
        }

        if (ConsentRefusal(consent, now) is { } refusal)
        {
            return new Refused(refusal);
        }

        if (Mismatches(consent.Initiation!, initiation) is { Count: > 0 } mismatches)
        {
            return new Refused(ProblemCatalog.PaymentConsentMismatch.Result("Send the initiation exactly as the customer authorised it: " + string.Join(" ", mismatches)));
        }

        var debtorAccountId = consent.AccountIds.Single();
        if (initiation.DebtorAccountId is { } named && named != debtorAccountId)
        {
            return new Refused(ProblemCatalog.PaymentConsentMismatch.Result($"The customer authorised paying from {debtorAccountId}, not {named}."));
        }

        var payable = await (from account in db.Accounts
                             join customer in db.Customers on account.CustomerId equals customer.Id
                             where account.Id == debtorAccountId && account.Status == "active" && customer.Subject == caller.Subject
                                 && account.Currency == initiation.Currency
                             select account.Id).AnyAsync(ct);
        if (!payable)
        {
            return new Refused(ProblemCatalog.DebtorAccountUnavailable.Result($"Account {debtorAccountId} is not an active {initiation.Currency} account of this customer any more."));
        }

        var statusBefore = consent.Status;
        // A copy: an owned value belongs to one owner (the consent keeps its own).
        var payment = Payment.Submit(caller.ClientId, consent.Id, caller.Subject, debtorAccountId, consent.Initiation! with { }, now);
        consent.Consume(payment.Id, now);
        var record = new IdempotencyRecord
        {
            ClientId = caller.ClientId,
            Key = key,
            Operation = PaymentsEndpoints.SubmitOperation,
            RequestHash = fingerprint,
            ResponseStatus = StatusCodes.Status202Accepted,
            // Serialised as the API serialises every response, so the recorded body reads like any other.
            ResponseBody = JsonSerializer.Serialize(PaymentResponse.From(payment), json.Value.SerializerOptions),
            ResourceId = payment.Id,
            CreatedAt = now,
            ExpiresAt = now + IdempotencyRecord.Lifetime,
        };
        db.Payments.Add(payment);
        db.IdempotencyRecords.Add(record);
        db.Outbox.Add(OutboxMessage.For(PaymentEvents.Created, payment.Id, PaymentEventsData.Of(payment), now));
        consents.Announce(consent, statusBefore);
        await db.SaveChangesAsync(ct);
        return new Done(record, Replayed: false, consent.Snapshot());
    }

    private static ProblemHttpResult? ConsentRefusal(Consent consent, DateTimeOffset now) => consent.StatusAt(now) switch
    {
        ConsentStatuses.Authorised => null,
        ConsentStatuses.Consumed => ProblemCatalog.ConsentConsumed.Result("A single-payment consent pays once, and this one has. Ask the customer to authorise a new payment consent."),
        ConsentStatuses.Revoked => ProblemCatalog.ConsentRevoked.Result("The customer or the app withdrew this consent."),
        ConsentStatuses.Expired => ProblemCatalog.ConsentExpired.Result("Ask the customer to authorise a new payment consent."),
        var status => ProblemCatalog.ConsentNotAuthorised.Result($"This consent is {status}."),
    };

    /// <summary>The fields where the payment differs from what the customer authorised, in words.</summary>
    private static List<string> Mismatches(PaymentInitiation consented, PaymentInitiation sent)
    {
        var differences = new List<string>();
        if (consented.Amount != sent.Amount || consented.Currency != sent.Currency)
        {
            differences.Add($"initiation.instructedAmount is {consented.Currency} {Currencies.Format(consented.Amount, consented.Currency)}.");
        }

        if (consented.CreditorScheme != sent.CreditorScheme || consented.CreditorIdentification != sent.CreditorIdentification)
        {
            differences.Add("initiation.creditorAccount differs.");
        }

        if (consented.CreditorName != sent.CreditorName)
        {
            differences.Add("initiation.creditorName differs.");
        }

        if (consented.Reference != sent.Reference)
        {
            differences.Add("initiation.reference differs.");
        }

        return differences;
    }
}
