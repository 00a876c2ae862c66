namespace Wekeza.Workers.Payments.Risk;

/// <summary>
/// What the risk checks may ask about earlier payments. The processor calls the checks while it holds the debtor
/// account's row lock, so the answers are exact even when several workers process the same account's payments.
/// </summary>
public interface IPaymentHistory
{
    /// <summary>
    /// The sum of this account's payments that were debited (<c>DebitEntryId</c> set) and did not fail, created at or
    /// after <paramref name="since"/>, leaving out <paramref name="excludingPaymentId"/>.
    /// </summary>
    Task<decimal> DebitedSinceAsync(string debtorAccountId, DateTimeOffset since, string excludingPaymentId, CancellationToken ct);

    /// <summary>How many of this account's payments, in any status but Rejected, were created at or after <paramref name="since"/>, leaving out <paramref name="excludingPaymentId"/>.</summary>
    Task<int> CountSinceAsync(string debtorAccountId, DateTimeOffset since, string excludingPaymentId, CancellationToken ct);

    /// <summary>Whether this customer has a Completed payment to the same creditor (scheme and identification).</summary>
    Task<bool> HasPaidBeforeAsync(string customerSubject, string creditorScheme, string creditorIdentification, CancellationToken ct);
}
