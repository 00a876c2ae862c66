using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Outbox;
using Wekeza.Banking.Payments;
using Wekeza.Payments;
using Wekeza.Webhooks;
using Wekeza.Workers.Observability;
using Wekeza.Workers.Payments.Risk;
using Wekeza.Workers.Payments.Sandbox;
using Wekeza.Workers.Payments.Switch;

namespace Wekeza.Workers.Payments;

/// <summary><c>Payments:Switch:Timeout</c>: how long settlement waits for the switch before it fails the payment and returns the money.</summary>
public sealed class SettlementOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The workers' part of a payment. Each step is one database transaction that starts by locking the payment row and
/// checking its status, so a redelivered message (at-least-once) finds the step done and changes nothing twice; and
/// each step's ledger entry, status change and events (outbox) commit together or not at all.
/// </summary>
internal sealed partial class PaymentProcessing(
    BankDbContext db,
    Ledger ledger,
    RiskAssessor risk,
    IPaymentSwitch paymentSwitch,
    IOptions<SettlementOptions> settlement,
    WorkerMetrics metrics,
    TimeProvider clock,
    ILogger<PaymentProcessing> logger)
{
    private static readonly ActivitySource Activity = new("Wekeza.Workers.Payments");
    private const string InsufficientFunds = "insufficient_funds";
    private const string InsufficientFundsDetail = "The account's available balance does not cover the payment.";

    /// <summary>The final status the running step moved its payment to, counted once the step has committed.</summary>
    private string? _finalised;

    /// <summary>Pending → risk checks → Rejected, or the debit: Completed (Wekeza creditor) or AcceptedSettlementInProcess.</summary>
    public Task ProcessAsync(string paymentId, CancellationToken cancellationToken) =>
        StepAsync(async ct =>
        {
            using var activity = Activity.StartActivity("payment.process");
            activity?.SetTag("payment.id", paymentId);
            db.ChangeTracker.Clear();
            if (await LockAsync(paymentId, PaymentStatuses.Pending, ct) is not { } payment)
            {
                return;
            }

            var now = clock.GetUtcNow();
            var initiation = payment.Initiation;
            // Sandbox isolation: a sandbox app pays only test customers, a production app never does.
            var sandbox = ClientEnvironments.IsSandbox(payment.ClientId);
            var creditorAccountId = initiation.IsInternal
                ? await (from a in db.Accounts.AsNoTracking()
                         join c in db.Customers on a.CustomerId equals c.Id
                         where a.Number == initiation.CreditorIdentification && a.Status == "active" && a.Currency == initiation.Currency
                             && a.Kind != AccountKinds.Internal && a.Id != payment.DebtorAccountId && c.Sandbox == sandbox
                         select a.Id).SingleOrDefaultAsync(ct)
                : PaymentAccounts.OutboundClearing(initiation.Currency);

            // Both accounts' row locks, in the ledger's order, before the risk checks: their daily totals and the
            // debit below see every earlier payment from this account however many workers race on it, and two
            // payments in opposite directions queue instead of deadlocking.
            await ledger.LockAsync(creditorAccountId is null ? [payment.DebtorAccountId] : [payment.DebtorAccountId, creditorAccountId], ct);
            var assessment = await risk.AssessAsync(
                new RiskSubject(payment.Id, payment.ClientId, payment.CustomerSubject, payment.DebtorAccountId, initiation.Amount, initiation.Currency,
                    initiation.CreditorScheme, initiation.CreditorIdentification, initiation.Reference, payment.CreatedAt),
                new BankPaymentHistory(db), ct);
            payment.RecordRisk(assessment.Score, assessment.Reasons);
            if (!assessment.Approved)
            {
                await RejectAsync(payment, assessment.RejectionCode!, assessment.RejectionDetail ?? "The payment failed the bank's risk checks.", now, ct);
                return;
            }

            if (creditorAccountId is null)
            {
                await RejectAsync(payment, "creditor_account_not_found",
                    $"No active {initiation.Currency} Wekeza account has the number {Mask(initiation.CreditorIdentification)}.", now, ct);
                return;
            }

            // The sandbox's rehearsal of a refused debit: the real answer, word for word, whatever the balance.
            if (MagicReferences.Applies(payment.ClientId, initiation.Reference, MagicReferences.InsufficientFunds))
            {
                await RejectAsync(payment, InsufficientFunds, InsufficientFundsDetail, now, ct);
                return;
            }

            LedgerEntry entry;
            try
            {
                entry = await ledger.BookAsync(new NewEntry(now, $"Payment to {initiation.CreditorName}", "payments", initiation.Reference,
                    initiation.CreditorName, [new NewPosting(payment.DebtorAccountId, -initiation.Amount), new NewPosting(creditorAccountId, initiation.Amount)]), ct);
            }
            catch (InsufficientFundsException)
            {
                await RejectAsync(payment, InsufficientFunds, InsufficientFundsDetail, now, ct);
                return;
            }
            catch (LedgerException refused)
            {
                // A rule the ledger will refuse every time (no clearing account for the currency, …): a final answer
                // now, not a message retried into the dead-letter queue while the payment waits Pending forever.
                await RejectAsync(payment, "ledger_refused", refused.Message, now, ct);
                return;
            }

            await db.SaveChangesAsync(ct);
            payment.Debited(entry.Id, now);
            Announce(payment, now);
            AnnouncePostings(entry, payment.Id, now);
            await db.SaveChangesAsync(ct);
            LogDebited(payment.Id, payment.Status, assessment.Score);
        }, cancellationToken);

    /// <summary>
    /// AcceptedSettlementInProcess → the switch → Completed, or Failed with the debit reversed, or held (sandbox) until
    /// its app's sandbox clock reaches the due time.
    /// </summary>
    public async Task SettleAsync(string paymentId, CancellationToken cancellationToken)
    {
        using var activity = Activity.StartActivity("payment.settle");
        activity?.SetTag("payment.id", paymentId);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        // A held payment is the sweeper's or the sandbox controls' to settle: asking the switch again (a redelivered
        // message) would only move its due time, and the settlement timeout must never fail it.
        if (payment?.Status != PaymentStatuses.AcceptedSettlementInProcess || payment.SettlementDueAt is not null)
        {
            return;
        }

        // Outside any transaction: the switch may take seconds. It is idempotent by payment id, so asking again after a
        // crash gets the same answer rather than a second transfer.
        var initiation = payment.Initiation;
        SwitchOutcome outcome;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(settlement.Value.Timeout);
            try
            {
                outcome = await paymentSwitch.SubmitAsync(new SwitchTransfer(payment.Id, initiation.Amount, initiation.Currency,
                    initiation.CreditorScheme, initiation.CreditorIdentification, initiation.CreditorName, initiation.Reference,
                    ClientEnvironments.IsSandbox(payment.ClientId)), timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                outcome = new SwitchOutcome.Refused("switch_timeout",
                    $"The payment switch did not confirm the transfer within {settlement.Value.Timeout.TotalSeconds:0} seconds; the money was returned.");
            }
        }

        await StepAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            if (await LockAsync(paymentId, PaymentStatuses.AcceptedSettlementInProcess, ct) is not { } locked || locked.SettlementDueAt is not null)
            {
                return;
            }

            var now = clock.GetUtcNow();
            switch (outcome)
            {
                case SwitchOutcome.Settled settled:
                    await CompleteSettlementAsync(locked, settled.SwitchReference, now, ct);
                    break;
                case SwitchOutcome.Refused refused:
                    await FailSettlementAsync(locked, refused.ReasonCode, refused.Detail, now, ct);
                    break;
                case SwitchOutcome.Held held:
                    // Due on the app's own clock, so an app that moves its clock past it sees the settlement.
                    locked.HoldSettlement(await db.NowAsync(locked.ClientId, now, ct) + held.For);
                    await db.SaveChangesAsync(ct);
                    LogHeld(locked.Id, locked.SettlementDueAt!.Value);
                    break;
            }
        }, cancellationToken);
    }

    /// <summary>The switch's settlement booked and the payment Completed, with its event; the caller holds the payment's lock.</summary>
    private async Task CompleteSettlementAsync(Payment locked, string switchReference, DateTimeOffset now, CancellationToken ct)
    {
        var initiation = locked.Initiation;
        var entry = await ledger.BookAsync(new NewEntry(now, $"Settlement of {locked.Id}", "settlement", switchReference, null,
            [new NewPosting(PaymentAccounts.OutboundClearing(initiation.Currency), -initiation.Amount),
                new NewPosting(PaymentAccounts.SwitchSettlement(initiation.Currency), initiation.Amount)]), ct);
        await db.SaveChangesAsync(ct);
        locked.Settled(entry.Id, switchReference, now);
        Announce(locked, now);
        await db.SaveChangesAsync(ct);
        LogSettled(locked.Id, locked.Status, locked.ReasonCode);
    }

    /// <summary>The debit reversed and the payment Failed, with its events; the caller holds the payment's lock.</summary>
    private async Task FailSettlementAsync(Payment locked, string reasonCode, string detail, DateTimeOffset now, CancellationToken ct)
    {
        var initiation = locked.Initiation;
        var reversal = await ledger.BookAsync(new NewEntry(now, $"Returned: payment to {initiation.CreditorName}", "payments", initiation.Reference,
            initiation.CreditorName, [new NewPosting(PaymentAccounts.OutboundClearing(initiation.Currency), -initiation.Amount),
                new NewPosting(locked.DebtorAccountId, initiation.Amount)]), ct);
        await db.SaveChangesAsync(ct);
        locked.Fail(reversal.Id, reasonCode, detail, now);
        AnnouncePostings(reversal, locked.Id, now);
        Announce(locked, now);
        await db.SaveChangesAsync(ct);
        LogSettled(locked.Id, locked.Status, locked.ReasonCode);
    }

    /// <summary>The payment, row-locked until the commit, if it is still at <paramref name="expected"/>; otherwise the step was done.</summary>
    private async Task<Payment?> LockAsync(string paymentId, string expected, CancellationToken ct)
    {
        if (await LockAsync(paymentId, ct) is not { } payment)
        {
            return null;
        }

        if (payment.Status != expected)
        {
            LogAlreadyDone(paymentId, payment.Status);
            return null;
        }

        return payment;
    }

    /// <summary>The payment, row-locked until the commit, whatever its status.</summary>
    private async Task<Payment?> LockAsync(string paymentId, CancellationToken ct)
    {
        var payment = await db.Payments.FromSql($"SELECT *, xmin FROM payments WHERE \"Id\" = {paymentId} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (payment is null)
        {
            LogUnknown(paymentId);
        }

        return payment;
    }

    private async Task RejectAsync(Payment payment, string code, string detail, DateTimeOffset now, CancellationToken ct)
    {
        payment.Reject(code, detail, now);
        Announce(payment, now);
        await db.SaveChangesAsync(ct);
        LogRejected(payment.Id, code, payment.RiskScore);
    }

    /// <summary>
    /// One step in one transaction (retried whole by the execution strategy). A final status is counted after the
    /// commit, once: never for an attempt that rolled back, nor for a redelivery that found the step done.
    /// </summary>
    private async Task StepAsync(Func<CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        await db.InTransactionAsync(async ct =>
        {
            _finalised = null;
            await step(ct);
        }, cancellationToken);
        if (_finalised is { } status)
        {
            metrics.PaymentFinalised(status);
        }
    }

    private void Announce(Payment payment, DateTimeOffset now)
    {
        if (PaymentStatuses.IsFinal(payment.Status))
        {
            _finalised = payment.Status;
        }

        db.Outbox.Add(OutboxMessage.For(PaymentEvents.For(payment.Status), payment.Id, PaymentEventsData.Of(payment), now));
    }

    /// <summary><c>transaction.posted</c> for each customer account the entry touched (the bank's own accounts are nobody's business).</summary>
    private void AnnouncePostings(LedgerEntry entry, string paymentId, DateTimeOffset now)
    {
        // The ledger locked (and so tracks) every account the entry touched.
        var customerAccounts = db.Accounts.Local.Where(a => a.Kind != AccountKinds.Internal).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var posting in entry.Postings.Where(p => customerAccounts.Contains(p.AccountId)))
        {
            db.Outbox.Add(OutboxMessage.For(PaymentEvents.TransactionPosted, posting.AccountId, new TransactionPostedData(
                posting.AccountId, $"txn_{posting.Id}", Currencies.Format(Math.Abs(posting.Amount), posting.Currency), posting.Currency,
                posting.Amount >= 0 ? "Credit" : "Debit", Currencies.Format(posting.BalanceAfter, posting.Currency),
                entry.Description, entry.Reference, paymentId, entry.BookedAt), now));
        }
    }

    private static string Mask(string identification) => "••••" + identification[^Math.Min(4, identification.Length)..];

    [LoggerMessage(LogLevel.Information, "Payment {PaymentId} debited: {Status} (risk score {Score})")]
    private partial void LogDebited(string paymentId, string status, int score);

    [LoggerMessage(LogLevel.Information, "Payment {PaymentId} rejected: {Reason} (risk score {Score})")]
    private partial void LogRejected(string paymentId, string reason, int? score);

    [LoggerMessage(LogLevel.Information, "Payment {PaymentId} settled: {Status} {Reason}")]
    private partial void LogSettled(string paymentId, string status, string? reason);

    [LoggerMessage(LogLevel.Information, "Payment {PaymentId} held by the switch: settles at {DueAt} on its app's sandbox clock")]
    private partial void LogHeld(string paymentId, DateTimeOffset dueAt);

    [LoggerMessage(LogLevel.Warning, "Payment {PaymentId} does not exist; its message is acknowledged and ignored")]
    private partial void LogUnknown(string paymentId);

    [LoggerMessage(LogLevel.Debug, "Payment {PaymentId} is already {Status}: a repeated message changes nothing")]
    private partial void LogAlreadyDone(string paymentId, string status);
}
