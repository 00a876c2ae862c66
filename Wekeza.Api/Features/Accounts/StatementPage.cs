using Wekeza.Banking.CoreBanking;

namespace Wekeza.Api.Features.Accounts;

/// <summary>One page of a statement, newest first, and the cursors to the pages either side (null at either end).</summary>
public sealed record StatementPage(IReadOnlyList<StatementLine> Lines, StatementCursor? Next, StatementCursor? Prev)
{
    public static async Task<StatementPage> ReadAsync(ICoreBanking bank, string accountId, TransactionQuery query, CancellationToken cancellationToken)
    {
        var direction = query.Cursor?.Direction ?? StatementDirection.Older;
        // One more than a page tells whether there is another page beyond it, without counting.
        var lines = await bank.StatementAsync(accountId, query.From, query.To, query.Cursor?.Position, direction, query.Limit + 1, cancellationToken);
        var more = lines.Count > query.Limit;
        var page = direction == StatementDirection.Older
            ? lines.Take(query.Limit).ToList()
            : lines.Skip(more ? 1 : 0).ToList();
        if (page.Count == 0)
        {
            return new StatementPage(page, null, null);
        }

        // Going older, there is a newer page exactly when we started from a cursor; going newer, an older page always
        // exists (the cursor's own line), and a newer one when the look-ahead found it.
        var hasOlder = direction == StatementDirection.Older ? more : true;
        var hasNewer = direction == StatementDirection.Older ? query.Cursor is not null : more;
        return new StatementPage(page,
            hasOlder ? CursorAt(accountId, query, page[^1], StatementDirection.Older) : null,
            hasNewer ? CursorAt(accountId, query, page[0], StatementDirection.Newer) : null);
    }

    private static StatementCursor CursorAt(string accountId, TransactionQuery query, StatementLine line, StatementDirection direction) =>
        new(accountId, query.From, query.To, new StatementPosition(line.BookedAt, line.PostingId), direction);
}
