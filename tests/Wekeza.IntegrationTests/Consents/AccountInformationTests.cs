using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;

namespace Wekeza.IntegrationTests.Consents;

/// <summary>Reading accounts, balances and transactions with a consented token: paging, filters, and every bad input.</summary>
public sealed class AccountInformationTests(PlatformFixture platform)
{
    private readonly ConsentJourney _journey = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Paging_with_links_neither_skips_nor_repeats_while_new_transactions_arrive_and_prev_returns_the_page_before()
    {
        using var api = await ConsentedApiAsync(ConsentJourney.AllPermissions, "acc_000101", "acc_000102");
        var url = "/v1/accounts/acc_000102/transactions?limit=3";
        var existing = await AllIdsAsync(api, url);
        var seen = new List<string>();
        var pages = new List<(string Self, List<string> Ids)>();
        string? next = url;
        var arrivals = 0;
        while (next is not null)
        {
            var page = await api.GetFromJsonAsync<JsonElement>(next, Cancel);
            var ids = Ids(page);
            seen.AddRange(ids);
            pages.Add((next, ids));
            next = page.GetProperty("links").TryGetProperty("next", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
            // Money keeps arriving between pages.
            await BookAsync("acc_000102", 1.5m, $"Arrival {arrivals++}");
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(existing, seen);
        Assert.True(arrivals > 2);

        // Back one page from the third: exactly the second page.
        var third = await api.GetFromJsonAsync<JsonElement>(pages[2].Self, Cancel);
        var prev = await api.GetFromJsonAsync<JsonElement>(third.GetProperty("links").GetProperty("prev").GetString()!, Cancel);
        Assert.Equal(pages[1].Ids, Ids(prev));
    }

    [Fact]
    public async Task Date_filters_return_only_transactions_booked_between_them_inclusive()
    {
        using var api = await ConsentedApiAsync(ConsentJourney.AllPermissions, "acc_000101");
        var all = await api.GetFromJsonAsync<JsonElement>("/v1/accounts/acc_000101/transactions?limit=100", Cancel);
        var dates = all.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("bookingDateTime").GetDateTimeOffset()).ToList();
        var (from, to) = (dates[^10], dates[5]);

        var filtered = await AllIdsAsync(api, $"/v1/accounts/acc_000101/transactions?limit=3&fromBookingDateTime={Q(from)}&toBookingDateTime={Q(to)}");

        var expected = all.GetProperty("data").EnumerateArray()
            .Where(t => t.GetProperty("bookingDateTime").GetDateTimeOffset() is var at && at >= from && at <= to)
            .Select(t => t.GetProperty("transactionId").GetString()!).ToList();
        Assert.True(expected.SequenceEqual(filtered), $"from {Q(from)} to {Q(to)}: expected {string.Join(",", expected)} got {string.Join(",", filtered)}");
    }

    [Fact]
    public async Task A_consent_window_bounds_what_can_be_read_and_asking_outside_it_is_refused()
    {
        var from = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        using var api = await ConsentedApiAsync(ConsentJourney.AllPermissions, ["acc_000101"], from, to);

        var page = await api.GetFromJsonAsync<JsonElement>("/v1/accounts/acc_000101/transactions?limit=100", Cancel);
        Assert.All(page.GetProperty("data").EnumerateArray(), t =>
            Assert.InRange(t.GetProperty("bookingDateTime").GetDateTimeOffset(), from, to));
        Assert.True(page.GetProperty("data").GetArrayLength() > 0);

        await AssertBadAsync(api, "/v1/accounts/acc_000101/transactions?fromBookingDateTime=2026-02-01", 400, "outside_consent_window");
        await AssertBadAsync(api, "/v1/accounts/acc_000101/transactions?toBookingDateTime=2026-06-01", 400, "outside_consent_window");
    }

    [Theory]
    [InlineData("limit=0", "invalid_limit")]
    [InlineData("limit=101", "invalid_limit")]
    [InlineData("limit=ten", "invalid_limit")]
    [InlineData("limit=-5", "invalid_limit")]
    [InlineData("fromBookingDateTime=yesterday", "invalid_date")]
    [InlineData("toBookingDateTime=2026-13-45", "invalid_date")]
    [InlineData("fromBookingDateTime=2026-05-01&toBookingDateTime=2026-04-01", "invalid_date_range")]
    [InlineData("cursor=not-a-cursor", "invalid_cursor")]
    [InlineData("cursor=eyJhIjoxfQ", "invalid_cursor")]
    public async Task Malformed_query_parameters_get_400_with_a_stable_code_naming_the_parameter(string query, string code)
    {
        using var api = await ConsentedApiAsync(ConsentJourney.AllPermissions, "acc_000101");

        var problem = await AssertBadAsync(api, $"/v1/accounts/acc_000101/transactions?{query}", 400, code);

        Assert.Contains(problem.GetProperty("parameter").GetString()!, query);
    }

    [Fact]
    public async Task A_cursor_from_another_account_is_refused()
    {
        using var api = await ConsentedApiAsync(ConsentJourney.AllPermissions, "acc_000101", "acc_000102");
        var page = await api.GetFromJsonAsync<JsonElement>("/v1/accounts/acc_000101/transactions?limit=5", Cancel);
        var cursor = QueryHelpers.ParseQuery(new Uri(page.GetProperty("links").GetProperty("next").GetString()!).Query)["cursor"].ToString();

        await AssertBadAsync(api, $"/v1/accounts/acc_000102/transactions?cursor={Uri.EscapeDataString(cursor)}", 400, "invalid_cursor");
    }

    [Fact]
    public async Task Reading_what_the_consent_does_not_allow_is_refused_with_the_missing_permission()
    {
        using var api = await ConsentedApiAsync(["ReadAccounts"], "acc_000101");

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/accounts/acc_000101", Cancel)).StatusCode);
        var balance = await AssertBadAsync(api, "/v1/accounts/acc_000101/balance", 403, "permission_missing");
        Assert.Contains("ReadBalances", balance.GetProperty("detail").GetString());
        await AssertBadAsync(api, "/v1/accounts/acc_000101/transactions", 403, "permission_missing");
    }

    [Theory]
    [InlineData("acc_000201")]
    [InlineData("acc_bank_clearing_kes")]
    [InlineData("not-an-id")]
    [InlineData("ACC_000101")]
    public async Task An_account_outside_the_consent_or_malformed_is_404_account_not_found_on_every_endpoint(string accountId)
    {
        using var api = await ConsentedApiAsync(ConsentJourney.AllPermissions, "acc_000101");

        foreach (var path in new[] { "", "/balance", "/transactions" })
        {
            await AssertBadAsync(api, $"/v1/accounts/{accountId}{path}", 404, "account_not_found");
        }
    }

    [Fact]
    public async Task The_balance_is_the_sum_of_the_accounts_postings_as_a_two_place_decimal_string()
    {
        using var api = await ConsentedApiAsync(ConsentJourney.AllPermissions, "acc_000101");

        var balance = await api.GetFromJsonAsync<JsonElement>("/v1/accounts/acc_000101/balance", Cancel);

        await using var db = platform.BankDb();
        var sum = await db.Postings.Where(p => p.AccountId == "acc_000101").SumAsync(p => p.Amount, Cancel);
        Assert.Equal(sum.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), balance.GetProperty("booked").GetProperty("amount").GetString());
        Assert.Equal(balance.GetProperty("booked").GetProperty("amount").GetString(), balance.GetProperty("available").GetProperty("amount").GetString());
    }

    private Task<HttpClient> ConsentedApiAsync(string[] permissions, params string[] accounts) => ConsentedApiAsync(permissions, accounts, null, null);

    private async Task<HttpClient> ConsentedApiAsync(string[] permissions, string[] accounts, DateTimeOffset? from, DateTimeOffset? to)
    {
        var (_, _, app) = await _journey.NewAppAsync();
        var consentId = await _journey.CreateConsentAsync(app, permissions, from: from, to: to);
        var tokens = await _journey.AuthoriseAsync(app, consentId, ConsentJourney.Customer(), accounts);
        return _journey.Api(tokens.GetProperty("access_token").GetString()!);
    }

    private static async Task<List<string>> AllIdsAsync(HttpClient api, string url)
    {
        var ids = new List<string>();
        string? next = url;
        while (next is not null)
        {
            var page = await api.GetFromJsonAsync<JsonElement>(next, Cancel);
            ids.AddRange(Ids(page));
            next = page.GetProperty("links").TryGetProperty("next", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
        }

        return ids;
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("transactionId").GetString()!)];

    private static async Task<JsonElement> AssertBadAsync(HttpClient api, string url, int status, string code)
    {
        using var response = await api.GetAsync(url, Cancel);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"));

    private async Task BookAsync(string accountId, decimal amount, string description)
    {
        await using var db = platform.BankDb();
        await new Ledger(db).PostAsync(new NewEntry(DateTimeOffset.UtcNow, description, "test", null, null,
            [new(accountId, amount), new(SandboxSeed.ClearingAccountId("KES"), -amount)]), Cancel);
    }
}
