using Wekeza.Workers.Payments.Risk;

namespace Wekeza.Workers.Tests.Payments.Risk;

/// <summary>A history with fixed answers that remembers what it was asked.</summary>
public sealed class FakePaymentHistory : IPaymentHistory
{
    public decimal Debited { get; init; }

    public int Count { get; init; }

    public bool PaidBefore { get; init; }

    public DateTimeOffset? DebitedSince { get; private set; }

    public DateTimeOffset? CountedSince { get; private set; }

    public int PaidBeforeAsked { get; private set; }

    public Task<decimal> DebitedSinceAsync(string debtorAccountId, DateTimeOffset since, string excludingPaymentId, CancellationToken ct)
    {
        DebitedSince = since;
        return Task.FromResult(Debited);
    }

    public Task<int> CountSinceAsync(string debtorAccountId, DateTimeOffset since, string excludingPaymentId, CancellationToken ct)
    {
        CountedSince = since;
        return Task.FromResult(Count);
    }

    public Task<bool> HasPaidBeforeAsync(string customerSubject, string creditorScheme, string creditorIdentification, CancellationToken ct)
    {
        PaidBeforeAsked++;
        return Task.FromResult(PaidBefore);
    }
}
