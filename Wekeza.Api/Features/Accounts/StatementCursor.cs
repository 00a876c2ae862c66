using System.Buffers.Text;
using System.Text.Json;
using Wekeza.Banking.CoreBanking;

namespace Wekeza.Api.Features.Accounts;

/// <summary>
/// Where the next or previous page of a statement starts, for one account and one date range. Opaque to clients (base64url
/// JSON, which they must not build or edit); it names its account, so a cursor from another account is refused
/// rather than read against this one. Tampering gains nothing: the consent's window and accounts are checked on
/// every request regardless.
/// </summary>
public sealed record StatementCursor(string AccountId, DateTimeOffset From, DateTimeOffset To, StatementPosition Position, StatementDirection Direction)
{
    private sealed record Wire(string A, long F, long T, long B, long P, char D);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(
        new Wire(AccountId, From.UtcTicks, To.UtcTicks, Position.BookedAt.UtcTicks, Position.PostingId, Direction == StatementDirection.Older ? 'o' : 'n'),
        JsonSerializerOptions.Web));

    public static StatementCursor? Decode(string value)
    {
        try
        {
            if (value.Length > 512 || JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(value), JsonSerializerOptions.Web) is not { A: not null } wire
                || wire.D is not ('o' or 'n'))
            {
                return null;
            }

            return new StatementCursor(wire.A, Utc(wire.F), Utc(wire.T), new StatementPosition(Utc(wire.B), wire.P),
                wire.D == 'o' ? StatementDirection.Older : StatementDirection.Newer);
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);
}
