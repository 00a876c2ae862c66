using Wekeza.Banking.CoreBanking;
using Wekeza.Api.Features.Accounts;
using Wekeza.Consents;

namespace Wekeza.Api.Tests.Features.Accounts;

public sealed class TransactionQueryTests
{
    private static readonly DateTimeOffset WindowStart = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WindowEnd = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static ConsentSnapshot Consent(DateTimeOffset? from = null, DateTimeOffset? to = null) => new(
        "cns_1", "app", "customer", ConsentStatuses.Authorised, ["ReadAccounts", "ReadTransactions"], ["acc_1", "acc_2"],
        WindowEnd.AddYears(1), from, to, "authz");

    [Fact]
    public void Without_filters_the_whole_consent_window_is_read_fifty_at_a_time()
    {
        var (query, problem) = TransactionQuery.Read("acc_1", null, null, null, null, Consent(WindowStart, WindowEnd));

        Assert.Null(problem);
        Assert.Equal(WindowStart, query!.From);
        Assert.Equal(WindowEnd.AddMicroseconds(1), query.To);
        Assert.Equal(50, query.Limit);
    }

    [Fact]
    public void A_date_without_a_time_or_offset_is_midnight_utc_and_the_end_is_inclusive()
    {
        var (query, _) = TransactionQuery.Read("acc_1", "2026-03-02", "2026-03-03T10:15:00+03:00", "10", null, Consent());

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), query!.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 7, 15, 0, TimeSpan.Zero).AddMicroseconds(1), query.To);
        Assert.Equal(10, query.Limit);
    }

    [Theory]
    [InlineData("2026-02-28", null, "outside_consent_window")]
    [InlineData(null, "2026-05-02", "outside_consent_window")]
    [InlineData("01/03/2026", null, "invalid_date")]
    [InlineData("2026-04-02", "2026-04-01", "invalid_date_range")]
    public void Dates_outside_the_window_or_malformed_are_refused(string? from, string? to, string code)
    {
        var (query, problem) = TransactionQuery.Read("acc_1", from, to, null, null, Consent(WindowStart, WindowEnd));

        Assert.Null(query);
        Assert.Equal(code, problem!.Type.Code);
    }

    [Fact]
    public void A_cursor_round_trips_and_is_bound_to_its_account()
    {
        var cursor = new StatementCursor("acc_1", WindowStart, WindowEnd, new StatementPosition(WindowStart.AddDays(3), 42), StatementDirection.Newer);

        var (query, _) = TransactionQuery.Read("acc_1", null, null, null, cursor.Encode(), Consent());
        var (other, problem) = TransactionQuery.Read("acc_2", null, null, null, cursor.Encode(), Consent());

        Assert.Equal(cursor, query!.Cursor);
        Assert.Null(other);
        Assert.Equal("invalid_cursor", problem!.Type.Code);
    }

    [Fact]
    public void A_cursor_cannot_widen_the_consent_window()
    {
        var wide = new StatementCursor("acc_1", WindowStart.AddYears(-1), WindowEnd, new StatementPosition(WindowStart, 1), StatementDirection.Older);

        var (_, problem) = TransactionQuery.Read("acc_1", null, null, null, wide.Encode(), Consent(WindowStart, WindowEnd));

        Assert.Equal("outside_consent_window", problem!.Type.Code);
    }
}
