using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Wekeza.Portal.Account.Sessions;

namespace Wekeza.Portal.Tests.Account.Sessions;

public sealed class SessionTokenStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeClock _clock = new(Start);
    private readonly InMemorySessionTokenStorage _storage = new();
    private readonly IDataProtectionProvider _dataProtection = new EphemeralDataProtectionProvider();
    private readonly FakeRefresher _refresher;
    private readonly SessionTokenStore _store;

    public SessionTokenStoreTests()
    {
        _refresher = new FakeRefresher(_clock);
        _store = new SessionTokenStore(_storage, _dataProtection, _refresher, _clock, NullLogger<SessionTokenStore>.Instance);
    }

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_with_more_than_30_seconds_left_is_used_as_it_is()
    {
        var sessionId = await _store.CreateAsync(Tokens(accessExpiresIn: TimeSpan.FromMinutes(5)));
        _clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(29));

        Assert.Equal("access-1", await _store.GetAccessTokenAsync(sessionId, Cancellation));
        Assert.Empty(_refresher.Calls);
    }

    [Fact]
    public async Task A_token_expiring_within_30_seconds_is_refreshed_and_the_rotated_refresh_token_kept()
    {
        var sessionId = await _store.CreateAsync(Tokens(accessExpiresIn: TimeSpan.FromMinutes(5)));
        _clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(31));

        Assert.Equal("access-2", await _store.GetAccessTokenAsync(sessionId, Cancellation));
        Assert.Equal("access-2", await _store.GetAccessTokenAsync(sessionId, Cancellation));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("access-3", await _store.GetAccessTokenAsync(sessionId, Cancellation));

        // Each refresh used the token the previous one returned: reusing one would revoke the chain.
        Assert.Equal(["refresh-1", "refresh-2"], _refresher.Calls);
        Assert.False(_storage.IsLocked(sessionId));
    }

    [Fact]
    public async Task A_refused_refresh_ends_the_session()
    {
        var sessionId = await _store.CreateAsync(Tokens(accessExpiresIn: TimeSpan.Zero));
        _refresher.Refuse = true;

        Assert.Null(await _store.GetAccessTokenAsync(sessionId, Cancellation));
        Assert.Null(await _store.ReadAsync(sessionId));
    }

    [Fact]
    public async Task A_session_past_its_lifetime_has_no_token()
    {
        var sessionId = await _store.CreateAsync(Tokens(accessExpiresIn: TimeSpan.FromHours(9)));
        _clock.Advance(TimeSpan.FromHours(8));

        Assert.Null(await _store.GetAccessTokenAsync(sessionId, Cancellation));
    }

    [Fact]
    public async Task An_unknown_session_has_no_token()
    {
        Assert.Null(await _store.GetAccessTokenAsync("no-such-session", Cancellation));
    }

    [Fact]
    public async Task The_entry_expires_with_the_session_and_holds_no_readable_token()
    {
        var sessionId = await _store.CreateAsync(Tokens(accessExpiresIn: TimeSpan.FromMinutes(5)));

        Assert.Equal(TimeSpan.FromHours(8), _storage.TimeToLive(sessionId));
        Assert.DoesNotContain("access-1", System.Text.Encoding.UTF8.GetString(_storage.Raw(sessionId)));
    }

    [Fact]
    public async Task While_another_replica_refreshes_the_session_the_store_waits_for_its_result_instead_of_refreshing_too()
    {
        var sessionId = await _store.CreateAsync(Tokens(accessExpiresIn: TimeSpan.Zero));
        var otherRefresher = new FakeRefresher(_clock) { Gate = new TaskCompletionSource() };
        var otherReplica = new SessionTokenStore(_storage, _dataProtection, otherRefresher, _clock, NullLogger<SessionTokenStore>.Instance);

        // The other replica takes the lock and is still waiting for auth when this one needs a token.
        var otherRefresh = otherReplica.GetAccessTokenAsync(sessionId, Cancellation);
        Assert.True(_storage.IsLocked(sessionId));
        var waiting = _store.GetAccessTokenAsync(sessionId, Cancellation);
        otherRefresher.Gate.SetResult();

        Assert.Equal("access-2", await otherRefresh);
        Assert.Equal("access-2", await waiting);
        Assert.Empty(_refresher.Calls);
    }

    private SessionTokens Tokens(TimeSpan accessExpiresIn) =>
        new("access-1", _clock.GetUtcNow() + accessExpiresIn, "refresh-1", "id-1", _clock.GetUtcNow() + TimeSpan.FromHours(8));

    private sealed class FakeRefresher(FakeClock clock) : ITokenRefresher
    {
        public List<string> Calls { get; } = [];

        public bool Refuse { get; set; }

        /// <summary>When set, refreshing waits for it: auth is slow to answer.</summary>
        public TaskCompletionSource? Gate { get; init; }

        public async Task<RefreshedTokens?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
        {
            Calls.Add(refreshToken);
            if (Gate is not null)
            {
                await Gate.Task;
            }

            var next = int.Parse(refreshToken["refresh-".Length..], System.Globalization.CultureInfo.InvariantCulture) + 1;
            return Refuse ? null : new RefreshedTokens($"access-{next}", clock.GetUtcNow() + TimeSpan.FromMinutes(5), $"refresh-{next}", null);
        }

        public Task RevokeAsync(string refreshToken, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
