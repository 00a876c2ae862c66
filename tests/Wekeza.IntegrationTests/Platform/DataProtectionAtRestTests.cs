using System.Text.Json;
using StackExchange.Redis;
using Wekeza.IntegrationTests.Identity;

namespace Wekeza.IntegrationTests.Platform;

/// <summary>
/// The Data Protection key rings in Redis (which protect sign-in cookies, antiforgery tokens and the portal's stored
/// session tokens) are encrypted with a certificate: a copy of Redis alone reveals no key.
/// </summary>
public sealed class DataProtectionAtRestTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("wekeza-auth")]
    [InlineData("wekeza-portal")]
    public async Task Key_rings_in_redis_hold_no_plaintext_key(string application)
    {
        // A sign-in through the portal makes both services use (and so create) their keys.
        var journeys = new Journeys(platform);
        await journeys.PortalTokensAsync(await journeys.NewVerifiedDeveloperAsync());
        using var browser = new Identity.Browser(platform);
        (await browser.GetAsync(platform.App.GetEndpoint("portal") + "/account/login?returnUrl=%2F")).Dispose();

        var secrets = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(platform.DataDirectory, "secrets.json")))!;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(
            $"127.0.0.1:{new Uri(platform.App.GetEndpoint("cache")).Port},password={secrets["cache-password"]}");
        var keys = await redis.GetDatabase().ListRangeAsync($"wekeza:data-protection:{application}");

        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Contains("EncryptedXml", key.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", key.ToString(), StringComparison.Ordinal);
        });
    }
}
