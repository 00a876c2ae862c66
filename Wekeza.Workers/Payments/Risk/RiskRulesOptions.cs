namespace Wekeza.Workers.Payments.Risk;

/// <summary>
/// The built-in rules' settings, section <c>Payments:Risk</c>. Amounts are per currency; a currency with no entry
/// has no such limit (the API accepts only the currencies the bank pays in, and each has defaults here).
/// </summary>
public sealed class RiskRulesOptions
{
    public const string Section = "Payments:Risk";

    /// <summary>The summed score at which a payment is rejected although no rule blocked it.</summary>
    public int RejectScore { get; set; } = 70;

    /// <summary>The bank's local time, for "today" and the night hours: East Africa Time, which has no daylight saving.</summary>
    public TimeSpan LocalUtcOffset { get; set; } = TimeSpan.FromHours(3);

    public Dictionary<string, decimal> MaxPerPayment { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["KES"] = 1_000_000m,
        ["USD"] = 10_000m,
    };

    /// <summary>What one account may send per local calendar day, this payment included.</summary>
    public Dictionary<string, decimal> DailyLimit { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["KES"] = 2_000_000m,
        ["USD"] = 20_000m,
    };

    public TimeSpan VelocityWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many earlier payments from one account within <see cref="VelocityWindow"/> make this one suspicious.</summary>
    public int VelocityThreshold { get; set; } = 10;

    public int VelocityScore { get; set; } = 30;

    /// <summary>
    /// Creditor identifications the bank refuses to pay (compared trimmed, ignoring case). The defaults are sandbox
    /// fixtures: a Wekeza account number and a mobile number that apps can pay to see the rejection.
    /// </summary>
    public List<string> BlockedCreditors { get; set; } = ["019999990001", "254700000999"];

    /// <summary>The amount from which a first payment to a creditor the customer never paid before is suspicious.</summary>
    public Dictionary<string, decimal> NewCreditorLargeAmount { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["KES"] = 100_000m,
        ["USD"] = 1_000m,
    };

    public int NewCreditorLargeAmountScore { get; set; } = 50;

    /// <summary>The local night, [start, end) in whole hours; a start after the end wraps past midnight (22 to 5).</summary>
    public int UnusualHoursStart { get; set; }

    public int UnusualHoursEnd { get; set; } = 5;

    public int UnusualHourScore { get; set; } = 20;
}
