using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;
using Wekeza.Banking.Outbox;
using Wekeza.Consents;

namespace Wekeza.IntegrationTests.Consents;

/// <summary>
/// Revocation bites at once: every API replica refuses the consent's tokens within a second, without asking auth, and
/// auth stops refreshing them.
/// </summary>
public sealed class RevocationTests(PlatformFixture platform)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private readonly ConsentJourney _journey = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_revokes_and_both_api_replicas_refuse_the_token_within_a_second_and_refresh_stops()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        var tokens = await _journey.AuthoriseAsync(app, consentId, ConsentJourney.Customer(), "acc_000101");
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        using var replica = new ApiReplica(platform);
        using var first = _journey.Api(accessToken);
        using var second = replica.As(accessToken);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/v1/accounts", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/v1/accounts", Cancel)).StatusCode);
        using var customer = _journey.Api(await CustomerPortalTokenAsync());

        var clock = Stopwatch.StartNew();
        using var revoked = await customer.DeleteAsync($"/v1/me/consents/{consentId}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var refusals = await Task.WhenAll(RefusedWithinAsync(first, clock), RefusedWithinAsync(second, clock));
        Assert.All(refusals, elapsed => Assert.True(elapsed < Bound, $"Refused only after {elapsed.TotalMilliseconds:0} ms"));

        // Auth learns of it from the consent.revoked event and revokes the refresh token.
        var refreshed = await EventuallyAsync(async () =>
        {
            using var refresh = await _journey.Journeys.TokenAsync(app.ClientId, app.ClientSecret,
                new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()! });
            return refresh.StatusCode == HttpStatusCode.BadRequest
                && (await refresh.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error").GetString() == "invalid_grant";
        });
        Assert.True(refreshed, "The refresh token still works after the consent was revoked.");

        await using var db = platform.BankDb();
        var consent = await db.Consents.Include(c => c.Events).SingleAsync(c => c.Id == consentId, Cancel);
        Assert.Equal(ConsentStatuses.Revoked, consent.Status);
        Assert.Equal($"customer:{ConsentJourneyCustomers.Amina}", consent.Events.OrderBy(e => e.Id).Last().Actor);
    }

    [Fact]
    public async Task An_app_revokes_and_its_token_is_refused_at_once()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        var tokens = await _journey.AuthoriseAsync(app, consentId, ConsentJourney.Customer(), "acc_000101");
        using var api = _journey.Api(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/accounts", Cancel)).StatusCode);

        using var appApi = await _journey.AppApiAsync(app);
        (await appApi.DeleteAsync($"/v1/consents/{consentId}", Cancel)).Dispose();

        using var refused = await api.GetAsync("/v1/accounts/acc_000101/transactions", Cancel);
        Assert.Equal("consent_revoked", await CodeAsync(refused, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task A_revocation_the_api_could_not_cache_still_reaches_every_replica_through_its_event()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        var tokens = await _journey.AuthoriseAsync(app, consentId, ConsentJourney.Customer(), "acc_000101");
        using var api = _journey.Api(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/accounts", Cancel)).StatusCode);

        // The change and its event commit together, but the API's own write to the cache is lost (as when Redis
        // drops out at that moment): only the event, relayed from the outbox to the workers, can tell the replicas.
        var clock = Stopwatch.StartNew();
        await using (var db = platform.BankDb())
        {
            var consent = await db.Consents.SingleAsync(c => c.Id == consentId, Cancel);
            consent.Revoke("customer:" + ConsentJourneyCustomers.Amina, DateTimeOffset.UtcNow, null);
            db.Outbox.Add(OutboxMessage.For(ConsentEvents.Revoked, consentId, consent.Snapshot(), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(Cancel);
        }

        var elapsed = await RefusedWithinAsync(api, clock, TimeSpan.FromSeconds(5));
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"The event took {elapsed.TotalMilliseconds:0} ms to reach the cache");
    }

    [Fact]
    public async Task An_expired_consent_is_refused_as_expired()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        var tokens = await _journey.AuthoriseAsync(app, consentId, ConsentJourney.Customer(), "acc_000101");
        using var api = _journey.Api(tokens.GetProperty("access_token").GetString()!);

        // Its time comes: the expiry moves into the past in bankdb. The cached copy holds the expiry the consent was
        // authorised with (in life it never changes), so it is dropped and the API must read bankdb. The authorisation's
        // own event may still be on its way to the workers and cache the old copy once more: drop it until it is gone.
        await using (var db = platform.BankDb())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE consents SET \"ExpiresAt\" = now() - interval '1 second' WHERE \"Id\" = {consentId}", Cancel);
        }

        string? code = null;
        for (var attempt = 0; attempt < 30 && code != "consent_expired"; attempt++)
        {
            await ForgetCachedAsync(consentId);
            using var response = await api.GetAsync("/v1/accounts", Cancel);
            code = response.StatusCode == HttpStatusCode.Forbidden ? await CodeAsync(response, HttpStatusCode.Forbidden) : null;
            await Task.Delay(code is null ? 100 : 0, Cancel);
        }

        Assert.Equal("consent_expired", code);
    }

    [Fact]
    public async Task A_consent_left_unauthorised_expires_and_cannot_be_authorised_any_more()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        await using (var db = platform.BankDb())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE consents SET \"CreatedAt\" = now() - interval '2 hours' WHERE \"Id\" = {consentId}", Cancel);
        }

        using var browser = new Identity.Browser(platform);
        var callback = await _journey.Journeys.AuthorizeAsync(browser, ConsentJourney.Customer(), _journey.AuthorizeUrl(app, consentId, Identity.Pkce.New()));

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("invalid_request", query["error"].ToString());
        Assert.Contains("Expired", query["error_description"].ToString());
        using var appApi = await _journey.AppApiAsync(app);
        Assert.Equal("Expired", (await appApi.GetFromJsonAsync<JsonElement>($"/v1/consents/{consentId}", Cancel)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_rejected_consent_gives_no_token_and_cannot_be_used_again()
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app);
        using (var browser = new Identity.Browser(platform))
        {
            await _journey.Journeys.AuthorizeAsync(browser, ConsentJourney.Customer(), _journey.AuthorizeUrl(app, consentId, Identity.Pkce.New()), consent: false);
        }

        using var again = new Identity.Browser(platform);
        var callback = await _journey.Journeys.AuthorizeAsync(again, ConsentJourney.Customer(), _journey.AuthorizeUrl(app, consentId, Identity.Pkce.New()),
            consent: true, ["acc_000101"]);

        Assert.Contains("Rejected", Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query)["error_description"].ToString());
    }

    private async Task<string> CustomerPortalTokenAsync() =>
        (await _journey.Journeys.PortalTokensAsync(ConsentJourney.Customer(), "openid profile roles offline_access consents.manage")).GetProperty("access_token").GetString()!;

    /// <summary>Polls until the API refuses the consent as revoked; returns when, measured from <paramref name="clock"/>'s start.</summary>
    private static async Task<TimeSpan> RefusedWithinAsync(HttpClient api, Stopwatch clock, TimeSpan? limit = null)
    {
        var deadline = limit ?? Bound * 3;
        while (clock.Elapsed < deadline)
        {
            using var response = await api.GetAsync("/v1/accounts", Cancel);
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                var elapsed = clock.Elapsed;
                Assert.Equal("consent_revoked", await CodeAsync(response, HttpStatusCode.Forbidden));
                return elapsed;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Task.Delay(20, Cancel);
        }

        return clock.Elapsed;
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100, Cancel);
        }

        return false;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString();
    }

    private async Task ForgetCachedAsync(string consentId)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(platform.App.GetConnectionString("cache"));
        await redis.GetDatabase().KeyDeleteAsync("wekeza:consent:" + consentId);
    }
}
