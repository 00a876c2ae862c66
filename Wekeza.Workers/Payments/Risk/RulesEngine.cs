using System.Globalization;
using Microsoft.Extensions.Options;

namespace Wekeza.Workers.Payments.Risk;

/// <summary>
/// The bank's own rules, from <see cref="RiskRulesOptions"/>. Blocking findings come first, in the order a customer
/// can act on them least to most; limits score 0 (they are policy, not suspicion), a blocked creditor scores 100.
/// </summary>
public sealed class RulesEngine(IOptions<RiskRulesOptions> options) : IPaymentRiskCheck
{
    public const string CreditorBlocked = "creditor_blocked";
    public const string LimitPerPaymentExceeded = "limit_per_payment_exceeded";
    public const string LimitDailyExceeded = "limit_daily_exceeded";
    public const string VelocityHigh = "velocity_high";
    public const string NewCreditorLargeAmount = "new_creditor_large_amount";
    public const string UnusualHour = "unusual_hour";

    public async Task<IReadOnlyList<RiskFinding>> CheckAsync(RiskSubject payment, IPaymentHistory history, CancellationToken ct)
    {
        var rules = options.Value;
        var findings = new List<RiskFinding>();
        // Every rule runs even after a block, so the payment records everything that was wrong with it.
        var creditor = payment.CreditorIdentification.Trim();
        if (rules.BlockedCreditors.Any(blocked => string.Equals(blocked.Trim(), creditor, StringComparison.OrdinalIgnoreCase)))
        {
            // Not why: the app (and whoever is behind it) learns only that this creditor cannot be paid.
            findings.Add(new(CreditorBlocked, 100, true, "The bank does not make payments to this creditor."));
        }

        if (rules.MaxPerPayment.TryGetValue(payment.Currency, out var max) && payment.Amount > max)
        {
            findings.Add(new(LimitPerPaymentExceeded, 0, true, $"The payment is above the limit of {Money(max, payment.Currency)} per payment."));
        }

        var local = payment.SubmittedAt.ToOffset(rules.LocalUtcOffset);
        if (rules.DailyLimit.TryGetValue(payment.Currency, out var daily))
        {
            // "Today" is the bank's local day of submission; the database compares instants, so pass it as UTC.
            var midnight = new DateTimeOffset(local.Date, rules.LocalUtcOffset).ToUniversalTime();
            var debited = await history.DebitedSinceAsync(payment.DebtorAccountId, midnight, payment.PaymentId, ct);
            if (debited + payment.Amount > daily)
            {
                findings.Add(new(LimitDailyExceeded, 0, true, $"The payment would take today's payments from this account above the daily limit of {Money(daily, payment.Currency)}."));
            }
        }

        var recent = await history.CountSinceAsync(payment.DebtorAccountId, (payment.SubmittedAt - rules.VelocityWindow).ToUniversalTime(), payment.PaymentId, ct);
        if (recent >= rules.VelocityThreshold)
        {
            findings.Add(new(VelocityHigh, rules.VelocityScore, false, string.Create(CultureInfo.InvariantCulture, $"{recent} other payments from this account within {rules.VelocityWindow.TotalMinutes:0} minutes.")));
        }

        // The history is asked only when the amount matters: most payments are small.
        if (rules.NewCreditorLargeAmount.TryGetValue(payment.Currency, out var large) && payment.Amount >= large
            && !await history.HasPaidBeforeAsync(payment.CustomerSubject, payment.CreditorScheme, payment.CreditorIdentification, ct))
        {
            findings.Add(new(NewCreditorLargeAmount, rules.NewCreditorLargeAmountScore, false, $"A first payment to this creditor of at least {Money(large, payment.Currency)}."));
        }

        if (IsNight(local.Hour, rules.UnusualHoursStart, rules.UnusualHoursEnd))
        {
            findings.Add(new(UnusualHour, rules.UnusualHourScore, false, string.Create(CultureInfo.InvariantCulture, $"Submitted at {local:HH\\:mm} local time.")));
        }

        return findings;
    }

    private static bool IsNight(int hour, int start, int end) =>
        start <= end ? hour >= start && hour < end : hour >= start || hour < end;

    private static string Money(decimal amount, string currency) =>
        $"{currency} {amount.ToString("#,0.00", CultureInfo.InvariantCulture)}";
}
