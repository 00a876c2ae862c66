using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;
using Wekeza.Payments;

namespace Wekeza.Workers.Payments.Risk;

/// <summary>
/// The payment history from bankdb, read through the processor's own context so it runs inside its transaction and
/// sees what the debtor account's row lock protects. The account queries use the (DebtorAccountId, CreatedAt) index.
/// </summary>
public sealed class BankPaymentHistory(BankDbContext db) : IPaymentHistory
{
    public Task<decimal> DebitedSinceAsync(string debtorAccountId, DateTimeOffset since, string excludingPaymentId, CancellationToken ct)
    {
        // Npgsql writes timestamptz parameters only with offset zero.
        var from = since.ToUniversalTime();
        return db.Payments.AsNoTracking()
            .Where(p => p.DebtorAccountId == debtorAccountId && p.CreatedAt >= from && p.Id != excludingPaymentId
                && p.DebitEntryId != null && p.Status != PaymentStatuses.Failed)
            .SumAsync(p => p.Initiation.Amount, ct);
    }

    public Task<int> CountSinceAsync(string debtorAccountId, DateTimeOffset since, string excludingPaymentId, CancellationToken ct)
    {
        var from = since.ToUniversalTime();
        return db.Payments.AsNoTracking()
            .CountAsync(p => p.DebtorAccountId == debtorAccountId && p.CreatedAt >= from && p.Id != excludingPaymentId
                && p.Status != PaymentStatuses.Rejected, ct);
    }

    public Task<bool> HasPaidBeforeAsync(string customerSubject, string creditorScheme, string creditorIdentification, CancellationToken ct) =>
        db.Payments.AsNoTracking()
            .AnyAsync(p => p.CustomerSubject == customerSubject && p.Initiation.CreditorScheme == creditorScheme
                && p.Initiation.CreditorIdentification == creditorIdentification && p.Status == PaymentStatuses.Completed, ct);
}
