using Wekeza.ServiceDefaults;
using System.Globalization;
using Wekeza.Banking.CoreBanking;
using Wekeza.Consents;

namespace Wekeza.Api.Features.Accounts;

/// <summary>
/// The transactions request, read and checked: <c>fromBookingDateTime</c> and <c>toBookingDateTime</c> (ISO 8601,
/// both inclusive, inside the consent's transaction window), <c>limit</c> (1 to <see cref="MaxLimit"/>), and the
/// opaque <c>cursor</c>, which carries its own dates.
/// </summary>
public sealed record TransactionQuery(DateTimeOffset From, DateTimeOffset To, int Limit, StatementCursor? Cursor)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    /// <summary>Dates earlier or later than any booking: an unbounded side of the range.</summary>
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public sealed record Problem(ProblemType Type, string Parameter, string Message);

    public static (TransactionQuery? Query, Problem? Problem) Read(
        string accountId, string? from, string? to, string? limit, string? cursor, ConsentSnapshot consent)
    {
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            return (null, new(ProblemCatalog.InvalidLimit, "limit", $"limit must be a whole number from 1 to {MaxLimit}."));
        }

        if (cursor is not null)
        {
            if (StatementCursor.Decode(cursor) is not { } decoded || decoded.AccountId != accountId)
            {
                return (null, new(ProblemCatalog.InvalidCursor, "cursor", "This cursor is not one this account's transactions gave you. Use links.next or links.prev as returned."));
            }

            if (from is not null || to is not null)
            {
                return (null, new(ProblemCatalog.InvalidCursor, "cursor", "A cursor carries its own dates: send it without fromBookingDateTime or toBookingDateTime."));
            }

            return CheckWindow(decoded.From, decoded.To.AddMicroseconds(-1), size, decoded, consent);
        }

        if (!TryParseDate(from, out var start))
        {
            return (null, new(ProblemCatalog.InvalidDate, "fromBookingDateTime", "fromBookingDateTime must be an ISO 8601 date or date-time, e.g. 2026-01-31 or 2026-01-31T09:30:00Z."));
        }

        if (!TryParseDate(to, out var end))
        {
            return (null, new(ProblemCatalog.InvalidDate, "toBookingDateTime", "toBookingDateTime must be an ISO 8601 date or date-time, e.g. 2026-01-31 or 2026-01-31T09:30:00Z."));
        }

        var first = start ?? consent.TransactionFromDateTime ?? Earliest;
        var last = end ?? consent.TransactionToDateTime ?? Latest;
        if (first > last)
        {
            return (null, new(ProblemCatalog.InvalidDateRange, "toBookingDateTime", "toBookingDateTime must not be before fromBookingDateTime."));
        }

        return CheckWindow(first, last, size, null, consent);
    }

    private static (TransactionQuery?, Problem?) CheckWindow(DateTimeOffset first, DateTimeOffset last, int size, StatementCursor? cursor, ConsentSnapshot consent)
    {
        if (consent.TransactionFromDateTime is { } windowStart && first < windowStart)
        {
            return (null, new(ProblemCatalog.OutsideConsentWindow, "fromBookingDateTime",
                $"The customer shared transactions from {windowStart:O} only: fromBookingDateTime cannot be earlier."));
        }

        if (consent.TransactionToDateTime is { } windowEnd && last > windowEnd)
        {
            return (null, new(ProblemCatalog.OutsideConsentWindow, "toBookingDateTime",
                $"The customer shared transactions up to {windowEnd:O} only: toBookingDateTime cannot be later."));
        }

        // The ledger takes a half-open range; toBookingDateTime is inclusive. PostgreSQL keeps microseconds, so the
        // exclusive end is one microsecond on (a tick would be rounded away).
        return (new TransactionQuery(first, last.AddMicroseconds(1), size, cursor), null);
    }

    /// <summary>An absent value is fine (null); a present one must be ISO 8601. A date-time without an offset is UTC.</summary>
    private static bool TryParseDate(string? value, out DateTimeOffset? date)
    {
        date = null;
        if (value is null)
        {
            return true;
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
        if (!DateTimeOffset.TryParseExact(value, formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        date = parsed;
        return true;
    }
}
