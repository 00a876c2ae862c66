using Wekeza.Payments;

namespace Wekeza.Banking.Payments;

/// <summary>
/// A payment and its one-way state machine: Pending (accepted, not yet processed) → Rejected by the risk checks or
/// for want of funds; or debited: Completed at once for a Wekeza creditor, AcceptedSettlementInProcess for an
/// external one, then Completed or Failed (the debit reversed) by the payment switch. Every step is recorded.
/// </summary>
public sealed class Payment
{
    public required string Id { get; init; }

    /// <summary>The app that submitted it: the only app that may see it.</summary>
    public required string ClientId { get; init; }

    /// <summary>The single-payment consent it was made under; unique, so a consent can never pay twice.</summary>
    public required string ConsentId { get; init; }

    public required string CustomerSubject { get; init; }

    public required string DebtorAccountId { get; init; }

    public required PaymentInitiation Initiation { get; init; }

    public string Status { get; private set; } = PaymentStatuses.Pending;

    /// <summary>Why it was rejected or failed: a stable code (docs/errors.md, "Payment reason codes").</summary>
    public string? ReasonCode { get; private set; }

    public string? ReasonDetail { get; private set; }

    /// <summary>The risk checks' score (0–100) and the rules that contributed, kept with the payment.</summary>
    public int? RiskScore { get; private set; }

    public string[] RiskReasons { get; private set; } = [];

    public long? DebitEntryId { get; private set; }

    /// <summary>The entry that moved the money out of the bank (switch settlement) or back to the customer (reversal).</summary>
    public long? FinalEntryId { get; private set; }

    public string? SwitchReference { get; private set; }

    /// <summary>
    /// When the switch said it will settle later (a held settlement): the time, on the app's sandbox clock, at which
    /// the sandbox settles it. Null while nothing is held.
    /// </summary>
    public DateTimeOffset? SettlementDueAt { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset StatusUpdatedAt { get; private set; }

    public List<PaymentStatusChange> History { get; init; } = [];

    public static Payment Submit(string clientId, string consentId, string customerSubject, string debtorAccountId,
        PaymentInitiation initiation, DateTimeOffset now)
    {
        var payment = new Payment
        {
            Id = "pmt_" + Guid.CreateVersion7(now).ToString("N"),
            ClientId = clientId,
            ConsentId = consentId,
            CustomerSubject = customerSubject,
            DebtorAccountId = debtorAccountId,
            Initiation = initiation,
            CreatedAt = now,
        };
        payment.Move(PaymentStatuses.Pending, null, null, now);
        return payment;
    }

    public void RecordRisk(int score, IReadOnlyList<string> reasons)
    {
        Require(PaymentStatuses.Pending);
        RiskScore = score;
        RiskReasons = [.. reasons];
    }

    public void Reject(string reasonCode, string detail, DateTimeOffset now)
    {
        Require(PaymentStatuses.Pending);
        Move(PaymentStatuses.Rejected, reasonCode, detail, now);
    }

    /// <summary>The debit is booked: a Wekeza creditor was credited in the same entry, so it is complete.</summary>
    public void Debited(long entryId, DateTimeOffset now)
    {
        Require(PaymentStatuses.Pending);
        DebitEntryId = entryId;
        if (Initiation.IsInternal)
        {
            FinalEntryId = entryId;
            Move(PaymentStatuses.Completed, null, null, now);
        }
        else
        {
            Move(PaymentStatuses.AcceptedSettlementInProcess, null, null, now);
        }
    }

    public void Settled(long entryId, string switchReference, DateTimeOffset now)
    {
        Require(PaymentStatuses.AcceptedSettlementInProcess);
        FinalEntryId = entryId;
        SwitchReference = switchReference;
        Move(PaymentStatuses.Completed, null, null, now);
    }

    /// <summary>The switch accepted the transfer for later settlement: the payment stays in process until <paramref name="due"/>.</summary>
    public void HoldSettlement(DateTimeOffset due)
    {
        Require(PaymentStatuses.AcceptedSettlementInProcess);
        SettlementDueAt = due;
    }

    /// <summary>The switch refused or never answered: the debit was reversed by <paramref name="reversalEntryId"/>.</summary>
    public void Fail(long reversalEntryId, string reasonCode, string detail, DateTimeOffset now)
    {
        Require(PaymentStatuses.AcceptedSettlementInProcess);
        FinalEntryId = reversalEntryId;
        Move(PaymentStatuses.Failed, reasonCode, detail, now);
    }

    private void Require(string status)
    {
        if (Status != status)
        {
            throw new InvalidOperationException($"Payment {Id} is {Status}, not {status}.");
        }
    }

    private void Move(string status, string? reasonCode, string? detail, DateTimeOffset now)
    {
        Status = status;
        ReasonCode = reasonCode;
        ReasonDetail = detail;
        StatusUpdatedAt = now;
        History.Add(new PaymentStatusChange { PaymentId = Id, Status = status, At = now, ReasonCode = reasonCode, Detail = detail });
    }
}

/// <summary>One step of a payment's life: appended, never changed.</summary>
public sealed class PaymentStatusChange
{
    public long Id { get; init; }

    public required string PaymentId { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset At { get; init; }

    public string? ReasonCode { get; init; }

    public string? Detail { get; init; }
}
