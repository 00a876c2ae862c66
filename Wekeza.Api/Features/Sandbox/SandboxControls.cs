using Wekeza.ServiceDefaults;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wekeza.Api.Features.Consents;
using Wekeza.Api.Features.Shared;
using Wekeza.Api.OpenApi;
using Wekeza.Banking.Consents;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Outbox;
using Wekeza.Banking.Payments;
using Wekeza.Banking.Webhooks;
using Wekeza.Consents;
using Wekeza.Payments;
using Wekeza.ServiceDefaults.Sandbox;
using Wekeza.Webhooks;

namespace Wekeza.Api.Features.Sandbox;

internal sealed record IncomingTransactionRequest(JsonElement? Amount, string? Currency, string? PayerName, string? Reference);

internal sealed record IncomingTransactionResponse(long EntryId, string TransactionId, string AccountId, string Amount, string Currency,
    DateTimeOffset BookedAt, string BalanceAfter, string Description);

internal sealed record FireWebhookRequest(string? Type, string? Subject);

internal sealed record FireWebhookResponse(string EventId, string Type, int Deliveries);

internal sealed record PaymentOutcomeRequest(string? Status, string? ReasonCode);

internal sealed record PaymentOutcomeResponse(string PaymentId, string Status, string Requested);

internal sealed record ExpiredConsentResponse(string ConsentId, string Status);

/// <summary>The controls that make things happen in the sandbox on demand, each on the app's own data.</summary>
internal static partial class SandboxControls
{
    private static readonly decimal MaximumIncoming = 10_000_000m;

    /// <summary>Money in from outside the bank onto a test customer's account: a real ledger entry, tagged for the reset.</summary>
    public static async Task<Results<Created<IncomingTransactionResponse>, ProblemHttpResult>> IncomingAsync(
        string accountId, IncomingTransactionRequest? request, BankDbContext db, Ledger ledger, TimeProvider clock, HttpContext context)
    {
        var owner = AppOwner.Of(context);
        var account = await (from a in db.Accounts.AsNoTracking()
                             join c in db.Customers on a.CustomerId equals c.Id
                             where a.Id == accountId && c.Sandbox
                             select a).SingleOrDefaultAsync(context.RequestAborted);
        if (account is null)
        {
            return SandboxProblems.AccountNotFound(accountId);
        }

        var errors = new Dictionary<string, string[]>();
        var amount = ReadAmount(request?.Amount, account.Currency, errors);
        if (request?.Currency is { } currency && !string.Equals(currency.Trim(), account.Currency, StringComparison.Ordinal))
        {
            errors["currency"] = [$"{account.Id} is a {account.Currency} account: send {account.Currency} or leave the currency out."];
        }

        var payer = string.IsNullOrWhiteSpace(request?.PayerName) ? "Sandbox Payer" : request.PayerName.Trim();
        if (payer.Length > 70)
        {
            errors["payerName"] = ["At most 70 characters."];
        }

        if (request?.Reference is { Length: > 35 })
        {
            errors["reference"] = ["At most 35 characters."];
        }

        if (errors.Count > 0)
        {
            return SandboxProblems.Invalid(errors, "The transaction could not be booked");
        }

        if (account.Status != "active")
        {
            return ProblemCatalog.AccountNotActive.Result($"{account.Id} is {account.Status}: a {account.Status} account is not credited. Use an active account.");
        }

        var now = clock.GetUtcNow();
        var description = $"Incoming transfer from {payer}";
        var (entry, posting) = await db.InTransactionAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            var booked = await ledger.BookAsync(new NewEntry(now, description, "transfers", request?.Reference?.Trim(), payer,
                [new NewPosting(account.Id, amount!.Value), new NewPosting(SandboxSeed.ClearingAccountId(account.Currency), -amount.Value)])
            {
                SandboxClientId = owner.ClientId,
            }, ct);
            await db.SaveChangesAsync(ct);
            var credit = booked.Postings.Single(p => p.AccountId == account.Id);
            db.Outbox.Add(OutboxMessage.For(PaymentEvents.TransactionPosted, account.Id, new TransactionPostedData(account.Id, $"txn_{credit.Id}",
                Currencies.Format(credit.Amount, account.Currency), account.Currency, "Credit", Currencies.Format(credit.BalanceAfter, account.Currency),
                description, booked.Reference, null, booked.BookedAt), now));
            await db.SaveChangesAsync(ct);
            return (booked, credit);
        }, context.RequestAborted);

        return TypedResults.Created($"/v1/accounts/{account.Id}/transactions/txn_{posting.Id}", new IncomingTransactionResponse(entry.Id, $"txn_{posting.Id}",
            account.Id, Currencies.Format(posting.Amount, account.Currency), account.Currency, entry.BookedAt,
            Currencies.Format(posting.BalanceAfter, account.Currency), description));
    }

    /// <summary>
    /// An example event of any public type (the OpenAPI document's example data), for this app's subscribed endpoints
    /// only. It is no state change of the bank's, so like a test event it is written with its deliveries directly,
    /// and carries no sequence.
    /// </summary>
    public static async Task<Results<Accepted<FireWebhookResponse>, ProblemHttpResult>> FireAsync(
        FireWebhookRequest? request, BankDbContext db, TimeProvider clock, HttpContext context)
    {
        var type = request?.Type?.Trim();
        if (type is null || !WebhookEventTypes.IsPublic(type) || !WebhookExamples.ByType.TryGetValue(type, out var example))
        {
            return SandboxProblems.Invalid(new() { ["type"] = [$"Fire one of: {string.Join(", ", WebhookEventTypes.All.Where(WebhookEventTypes.IsPublic))}."] },
                "The event cannot be fired");
        }

        if (request?.Subject is { } subject && !SubjectText().IsMatch(subject))
        {
            return SandboxProblems.Invalid(new() { ["subject"] = ["1 to 64 letters, digits, '_' or '-', e.g. a payment or consent id."] },
                "The event cannot be fired");
        }

        var owner = AppOwner.Of(context);
        var now = clock.GetUtcNow();
        var eventId = WebhookEvent.NewId(now);
        var envelope = JsonNode.Parse(example.Body)!.AsObject();
        var exampleSubject = envelope["subject"]!.GetValue<string>();
        var data = envelope["data"]!.DeepClone();
        if (request?.Subject is { } given)
        {
            // The example's own id for its subject becomes the one asked for, wherever the data repeats it.
            foreach (var property in data.AsObject().Where(p => p.Value?.GetValueKind() == JsonValueKind.String && p.Value.GetValue<string>() == exampleSubject).ToList())
            {
                data[property.Key] = given;
            }
        }

        var eventSubject = request?.Subject ?? exampleSubject;
        var payload = WebhookEnvelope.Write(eventId, type, now, eventSubject, null, data);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.ClientId == owner.ClientId && e.Enabled)
            .ToListAsync(context.RequestAborted);
        var subscribed = endpoints.Where(e => e.EventTypes.Contains(type)).ToList();
        db.WebhookEvents.Add(new WebhookEvent { Id = eventId, ClientId = owner.ClientId, Type = type, Subject = eventSubject, Payload = payload, OccurredAt = now });
        foreach (var endpoint in subscribed)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = WebhookDelivery.NewId(now), EventId = eventId, EndpointId = endpoint.Id, ClientId = owner.ClientId,
                EventType = type, NextAttemptAt = now, CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Accepted($"/v1/events/{eventId}", new FireWebhookResponse(eventId, type, subscribed.Count));
    }

    /// <summary>
    /// A payment still in process moved to the final state asked for. The workers make the move (the same code as the
    /// switch's answers, so the ledger, the status history and the events are exactly a real outcome's); this checks
    /// that the move is possible and asks for it through the outbox.
    /// </summary>
    public static async Task<Results<Accepted<PaymentOutcomeResponse>, ProblemHttpResult>> OutcomeAsync(
        string paymentId, PaymentOutcomeRequest? request, BankDbContext db, TimeProvider clock, HttpContext context)
    {
        var status = request?.Status?.Trim();
        if (status is not (PaymentStatuses.Completed or PaymentStatuses.Failed or PaymentStatuses.Rejected))
        {
            return SandboxProblems.Invalid(new() { ["status"] = ["Choose Completed, Failed or Rejected."] }, "The payment cannot move that way");
        }

        if (!SandboxPaymentOutcome.IsReasonCode(request?.ReasonCode))
        {
            return SandboxProblems.Invalid(new() { ["reasonCode"] = ["A code of 3 to 60 lower-case letters, digits and '_', e.g. switch_rejected."] },
                "The payment cannot move that way");
        }

        var owner = AppOwner.Of(context);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId && p.ClientId == owner.ClientId, context.RequestAborted);
        if (payment is null)
        {
            return SandboxProblems.PaymentNotFound(paymentId);
        }

        var possible = (payment.Status, status) switch
        {
            (PaymentStatuses.Pending, PaymentStatuses.Rejected) => true,
            (PaymentStatuses.AcceptedSettlementInProcess, PaymentStatuses.Completed or PaymentStatuses.Failed) => true,
            _ => false,
        };
        if (!possible)
        {
            return ProblemCatalog.SandboxPaymentTransitionInvalid.Result(payment.Status switch
                {
                    PaymentStatuses.Pending => "A Pending payment has moved no money yet: it can only be Rejected.",
                    PaymentStatuses.AcceptedSettlementInProcess => "The money has left the account: the payment can be Completed or Failed (reversed), not Rejected.",
                    _ => $"The payment is already {payment.Status}, a final state.",
                });
        }

        db.Outbox.Add(OutboxMessage.For(SandboxEventTypes.PaymentOutcome, payment.Id,
            new SandboxPaymentOutcome(payment.Id, owner.ClientId, status, request?.ReasonCode), clock.GetUtcNow()));
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Accepted($"/v1/payments/{payment.Id}/status", new PaymentOutcomeResponse(payment.Id, payment.Status, status));
    }

    public static async Task<Results<Ok<ExpiredConsentResponse>, ProblemHttpResult>> ExpireAsync(
        string consentId, BankDbContext db, ConsentStore store, TimeProvider clock, HttpContext context)
    {
        var owner = AppOwner.Of(context);
        return await db.InTransactionAsync<Results<Ok<ExpiredConsentResponse>, ProblemHttpResult>>(async ct =>
        {
            db.ChangeTracker.Clear();
            var consent = await db.Consents.FromSql($"SELECT *, xmin FROM consents WHERE \"Id\" = {consentId} AND \"ClientId\" = {owner.ClientId} FOR UPDATE")
                .SingleOrDefaultAsync(ct);
            if (consent is null)
            {
                return SandboxProblems.ConsentNotFound(consentId);
            }

            var before = consent.Status;
            try
            {
                consent.ExpireNow("sandbox:control", clock.GetUtcNow());
            }
            catch (ConsentRuleException rule)
            {
                return ConsentProblems.Refused(rule);
            }

            await store.SaveAsync(consent, before, ct);
            return TypedResults.Ok(new ExpiredConsentResponse(consent.Id, consent.Status));
        }, context.RequestAborted);
    }

    private static decimal? ReadAmount(JsonElement? element, string currency, Dictionary<string, string[]> errors)
    {
        var text = element switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            _ => null,
        };
        var units = Currencies.MinorUnitsOf(currency) ?? 2;
        if (text is null || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            errors["amount"] = ["Give a positive amount as a decimal string with a dot, e.g. \"1500.00\"."];
            return null;
        }

        if (decimal.Round(amount, units) != amount)
        {
            errors["amount"] = [$"{currency} has {units} decimal places: give at most {units}."];
            return null;
        }

        if (amount > MaximumIncoming)
        {
            errors["amount"] = [$"At most {currency} {MaximumIncoming.ToString("N2", CultureInfo.InvariantCulture)} per sandbox transaction."];
            return null;
        }

        return amount;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex SubjectText();
}
