using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Wekeza.Portal.Account.Sessions;

namespace Wekeza.IntegrationTests.Portal;

/// <summary>
/// Two portal replicas sharing the stack's real Redis: when a session's access token is due, exactly one of them
/// redeems the refresh token (a second redemption would make auth revoke the session) and both use its result.
/// </summary>
public sealed class SessionTokenRefreshTests(PlatformFixture platform)
{
    [Fact]
    public async Task Concurrent_calls_on_two_replicas_refresh_once_and_all_get_the_new_token()
    {
        var secrets = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(platform.DataDirectory, "secrets.json")))!;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(
            $"127.0.0.1:{new Uri(platform.App.GetEndpoint("cache")).Port},password={secrets["cache-password"]}");
        // Replicas share their Data Protection keys (through Redis in the portal); one provider stands for that here.
        var dataProtection = new EphemeralDataProtectionProvider();
        var refresher = new SlowCountingRefresher();
        var replicas = Enumerable.Range(0, 2).Select(_ => new SessionTokenStore(new RedisSessionTokenStorage(redis), dataProtection, refresher,
            TimeProvider.System, NullLogger<SessionTokenStore>.Instance)).ToList();
        var now = DateTimeOffset.UtcNow;
        var sessionId = await replicas[0].CreateAsync(new SessionTokens("access-old", now.AddSeconds(10), "refresh-1", null, now.AddHours(1)));

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => replicas[i % 2].GetAccessTokenAsync(sessionId, TestContext.Current.CancellationToken))));

        Assert.Equal(1, refresher.Calls);
        Assert.All(tokens, token => Assert.Equal("access-new", token));
        Assert.Equal("refresh-2", (await replicas[1].ReadAsync(sessionId))!.RefreshToken);
    }

    private sealed class SlowCountingRefresher : ITokenRefresher
    {
        private int _calls;

        public int Calls => _calls;

        public async Task<RefreshedTokens?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            // Long enough that every other call arrives while this refresh is in flight.
            await Task.Delay(300, cancellationToken);
            return refreshToken == "refresh-1"
                ? new RefreshedTokens("access-new", DateTimeOffset.UtcNow.AddMinutes(5), "refresh-2", null)
                : null;
        }

        public Task RevokeAsync(string refreshToken, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
