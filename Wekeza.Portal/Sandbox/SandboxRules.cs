using System.Globalization;
using System.Text.RegularExpressions;
using Wekeza.Payments;
using Wekeza.Portal.Platform;
using Wekeza.Webhooks;

namespace Wekeza.Portal.Sandbox;

/// <summary>
/// The sandbox API's input rules, checked in the circuit for quick feedback, with the API's limits. The API is the
/// authority (it alone knows the account's currency and state, the payment's and the consent's); its messages land
/// on the same fields.
/// </summary>
public static partial class SandboxRules
{
    /// <summary>The longest single move of the clock, and how far ahead it may be in all: 400 days.</summary>
    public const long MaxClockSeconds = 34_560_000;

    public const decimal MaxIncomingAmount = 10_000_000m;
    public const int AmountDecimals = 2;
    public const int PayerNameMaxLength = 70;
    public const int ReferenceMaxLength = 35;

    /// <summary>The final states a payment can be moved to: Completed or Failed once its money has left, Rejected while Pending.</summary>
    public static readonly IReadOnlyList<string> OutcomeStatuses = [PaymentStatuses.Completed, PaymentStatuses.Failed, PaymentStatuses.Rejected];

    public static FieldErrors ValidateIncoming(string? accountId, string? amount, string? payerName, string? reference)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(accountId))
        {
            errors.Add(SandboxFields.AccountId, "Choose the account to credit.");
        }

        if (AmountProblem(amount?.Trim() ?? "") is { } problem)
        {
            errors.Add(SandboxFields.Amount, problem);
        }

        if (payerName?.Trim().Length > PayerNameMaxLength)
        {
            errors.Add(SandboxFields.PayerName, $"At most {PayerNameMaxLength} characters.");
        }

        if (reference?.Trim().Length > ReferenceMaxLength)
        {
            errors.Add(SandboxFields.Reference, $"At most {ReferenceMaxLength} characters.");
        }

        return errors;
    }

    public static FieldErrors ValidateFire(string? type, string? subject)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(type) || !WebhookEventTypes.IsPublic(type))
        {
            errors.Add(SandboxFields.Type, "Choose the event type to fire.");
        }

        if (!string.IsNullOrWhiteSpace(subject) && !SubjectText().IsMatch(subject.Trim()))
        {
            errors.Add(SandboxFields.Subject, "1 to 64 letters, digits, '_' or '-', e.g. a payment or consent id.");
        }

        return errors;
    }

    public static FieldErrors ValidateOutcome(string? paymentId, string? status, string? reasonCode)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(paymentId))
        {
            errors.Add(SandboxFields.PaymentId, "Enter the id of one of this app's payments.");
        }

        if (status is null || !OutcomeStatuses.Contains(status, StringComparer.Ordinal))
        {
            errors.Add(SandboxFields.Status, "Choose Completed, Failed or Rejected.");
        }

        // The API takes 3 to 60 of [a-z0-9_]; the workers also want a letter first. Both, so no accepted code is ignored.
        if (status != PaymentStatuses.Completed && !string.IsNullOrWhiteSpace(reasonCode) && !ReasonCodeText().IsMatch(reasonCode.Trim()))
        {
            errors.Add(SandboxFields.ReasonCode, "A code of 3 to 60 lower-case letters, digits and '_', starting with a letter, e.g. switch_rejected.");
        }

        return errors;
    }

    public static FieldErrors ValidateExpire(string? consentId)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(consentId))
        {
            errors.Add(SandboxFields.ConsentId, "Enter the id of one of this app's consents.");
        }

        return errors;
    }

    /// <summary>A move of <paramref name="seconds"/> from a clock <paramref name="offsetSeconds"/> ahead (null: not known).</summary>
    public static FieldErrors ValidateAdvance(long seconds, long? offsetSeconds)
    {
        var errors = new FieldErrors();
        if (seconds is < 1 or > MaxClockSeconds)
        {
            errors.Add(SandboxFields.Seconds, $"Move the clock forward by 1 second to {SandboxWords.Duration(MaxClockSeconds)} at a time.");
        }
        else if (offsetSeconds is { } offset && offset + seconds > MaxClockSeconds)
        {
            errors.Add(SandboxFields.Seconds,
                $"The sandbox clock is already {SandboxWords.Duration(offset)} ahead; it goes at most {SandboxWords.Duration(MaxClockSeconds)} ahead. " +
                "Reset the sandbox to start again.");
        }

        return errors;
    }

    /// <summary>A custom move: a whole number of units (seconds per unit in <paramref name="unitSeconds"/>), or null with a message.</summary>
    public static long? CustomSeconds(string? amount, long unitSeconds, FieldErrors errors)
    {
        if (!long.TryParse(amount?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            errors.Add(SandboxFields.Seconds, "Enter a whole number greater than 0.");
            return null;
        }

        // A count beyond the limit in any unit is out of range anyway; multiplying it could overflow.
        return count > MaxClockSeconds ? MaxClockSeconds + 1 : count * unitSeconds;
    }

    private static string? AmountProblem(string amount)
    {
        // As the API reads it: digits and one dot, no sign, no thousands separators.
        if (!decimal.TryParse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return "Enter a positive amount with a dot for decimals, e.g. 1500.00.";
        }

        if (decimal.Round(value, AmountDecimals) != value)
        {
            return $"At most {AmountDecimals} decimal places.";
        }

        return value > MaxIncomingAmount
            ? $"At most {MaxIncomingAmount.ToString("N2", CultureInfo.InvariantCulture)} per sandbox transaction."
            : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SubjectText();

    [GeneratedRegex("^[a-z][a-z0-9_]{2,59}$")]
    private static partial Regex ReasonCodeText();
}
