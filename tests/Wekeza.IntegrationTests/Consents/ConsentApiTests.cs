using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;
using Wekeza.IntegrationTests.Identity;

namespace Wekeza.IntegrationTests.Consents;

/// <summary>An app creates, reads and revokes account-access consents with its client-credentials token.</summary>
public sealed class ConsentApiTests(PlatformFixture platform)
{
    private readonly Journeys _journeys = new(platform);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_app_creates_reads_and_revokes_a_consent_and_every_step_is_audited()
    {
        using var api = await AppApiAsync();

        using var created = await api.PostAsJsonAsync("/v1/consents", new
        {
            permissions = new[] { "ReadAccounts", "ReadBalances", "ReadTransactions" },
            expiresAt = DateTimeOffset.UtcNow.AddDays(90),
            transactionFromDateTime = "2026-01-01T00:00:00Z",
            transactionToDateTime = "2026-07-01T00:00:00Z",
        }, Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var consent = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var id = consent.GetProperty("consentId").GetString()!;
        Assert.Matches("^cns_[0-9a-f]{32}$", id);
        Assert.Equal("AwaitingAuthorisation", consent.GetProperty("status").GetString());
        Assert.Equal($"/v1/consents/{id}", created.Headers.Location!.OriginalString);

        var read = await api.GetFromJsonAsync<JsonElement>($"/v1/consents/{id}", Cancel);
        Assert.Equal(3, read.GetProperty("permissions").GetArrayLength());

        using var revoked = await api.DeleteAsync($"/v1/consents/{id}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal("Revoked", (await api.GetFromJsonAsync<JsonElement>($"/v1/consents/{id}", Cancel)).GetProperty("status").GetString());
        using var again = await api.DeleteAsync($"/v1/consents/{id}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);

        await using var db = platform.BankDb();
        var events = await db.ConsentEvents.Where(e => e.ConsentId == id).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync(Cancel);
        Assert.Equal(["created", "revoked"], events);
        var outbox = await db.Outbox.Where(m => m.Subject == id).ToListAsync(Cancel);
        Assert.Equal("consent.revoked", Assert.Single(outbox).Type);
    }

    [Fact]
    public async Task A_revocation_reaches_rabbitmq_from_the_outbox_once_confirmed_with_the_outbox_row_id()
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(platform.App.GetConnectionString("messaging")) };
        await using var connection = await factory.CreateConnectionAsync(Cancel);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
        var queue = (await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true, cancellationToken: Cancel)).QueueName;
        await channel.QueueBindAsync(queue, "wekeza.events", "consent.revoked", cancellationToken: Cancel);
        using var api = await AppApiAsync();
        var id = (await (await api.PostAsJsonAsync("/v1/consents", ValidBody(), Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel))
            .GetProperty("consentId").GetString()!;

        (await api.DeleteAsync($"/v1/consents/{id}", Cancel)).Dispose();

        RabbitMQ.Client.BasicGetResult? delivered = null;
        for (var attempt = 0; attempt < 100 && delivered is null; attempt++)
        {
            delivered = await channel.BasicGetAsync(queue, autoAck: true, Cancel);
            if (delivered is null)
            {
                await Task.Delay(100, Cancel);
            }
        }

        Assert.NotNull(delivered);
        Assert.Equal("consent.revoked", delivered.BasicProperties.Type);
        var payload = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal(id, payload.GetProperty("consentId").GetString());
        await using var db = platform.BankDb();
        var row = await db.Outbox.AsNoTracking().SingleAsync(m => m.Subject == id, Cancel);
        Assert.Equal(row.Id.ToString(), delivered.BasicProperties.MessageId);
        // The relay marks the row once every confirm of its batch is in, just after the broker delivered it.
        for (var attempt = 0; attempt < 50 && row.PublishedAt is null; attempt++)
        {
            await Task.Delay(100, Cancel);
            row = await db.Outbox.AsNoTracking().SingleAsync(m => m.Subject == id, Cancel);
        }

        Assert.NotNull(row.PublishedAt);
    }

    [Fact]
    public async Task Another_app_cannot_see_or_revoke_the_consent()
    {
        using var owner = await AppApiAsync();
        using var other = await AppApiAsync();
        var id = (await (await owner.PostAsJsonAsync("/v1/consents", ValidBody(), Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel))
            .GetProperty("consentId").GetString();

        using var read = await other.GetAsync($"/v1/consents/{id}", Cancel);
        using var revoke = await other.DeleteAsync($"/v1/consents/{id}", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal("AwaitingAuthorisation", (await owner.GetFromJsonAsync<JsonElement>($"/v1/consents/{id}", Cancel)).GetProperty("status").GetString());
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"permissions":["ReadEverything"],"expiresAt":"2027-01-01T00:00:00Z"}""", "permissions" },
        { """{"permissions":[],"expiresAt":"2027-01-01T00:00:00Z"}""", "permissions" },
        { """{"permissions":["ReadBalances"],"expiresAt":"2027-01-01T00:00:00Z"}""", "permissions" },
        { """{"permissions":["ReadAccounts"],"expiresAt":"2020-01-01T00:00:00Z"}""", "expiresAt" },
        { """{"permissions":["ReadAccounts"],"expiresAt":"2031-01-01T00:00:00Z"}""", "expiresAt" },
        { """{"permissions":["ReadAccounts"]}""", "expiresAt" },
        { """{"permissions":["ReadAccounts","ReadTransactions"],"expiresAt":"2027-01-01T00:00:00Z","transactionFromDateTime":"2026-06-01T00:00:00Z","transactionToDateTime":"2026-01-01T00:00:00Z"}""", "transactionToDateTime" },
        { """{"permissions":["ReadAccounts"],"expiresAt":"2027-01-01T00:00:00Z","transactionFromDateTime":"2026-01-01T00:00:00Z"}""", "transactionFromDateTime" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_consent_request_is_422_naming_the_field_and_creates_nothing(string body, string field)
    {
        var (api, clientId) = await AppApiWithClientIdAsync();
        using var disposeApi = api;

        using var response = await api.PostAsync("/v1/consents", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = platform.BankDb();
        Assert.False(await db.Consents.AnyAsync(c => c.ClientId == clientId, Cancel));
    }

    [Theory]
    [InlineData("""{"permissions":["ReadAccounts"],"expiresAt":"next tuesday"}""")]
    [InlineData("""{"permissions":"ReadAccounts","expiresAt":"2027-01-01T00:00:00Z"}""")]
    [InlineData("""{"permissions":["ReadAccounts"],""")]
    public async Task A_body_that_cannot_be_read_is_400_problem_json_and_creates_nothing(string body)
    {
        var (api, clientId) = await AppApiWithClientIdAsync();
        using var disposeApi = api;

        using var response = await api.PostAsync("/v1/consents", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        await using var db = platform.BankDb();
        Assert.False(await db.Consents.AnyAsync(c => c.ClientId == clientId, Cancel));
    }

    [Theory]
    [InlineData("not-a-consent")]
    [InlineData("cns_00000000000000000000000000000000")]
    [InlineData("cns_ZZZ")]
    public async Task Unknown_and_malformed_ids_are_404(string id)
    {
        using var api = await AppApiAsync();

        using var response = await api.GetAsync($"/v1/consents/{id}", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_token_obtained_for_a_customer_cannot_create_consents()
    {
        var journey = new ConsentJourney(platform);
        var (_, _, app) = await journey.NewAppAsync();
        var consentId = await journey.CreateConsentAsync(app);
        var tokens = await journey.AuthoriseAsync(app, consentId, ConsentJourney.Customer(), "acc_000101");
        using var api = journey.Api(tokens.GetProperty("access_token").GetString()!);

        using var response = await api.PostAsJsonAsync("/v1/consents", ValidBody(), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("app_token_required", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
    }

    private static object ValidBody() => new { permissions = new[] { "ReadAccounts" }, expiresAt = DateTimeOffset.UtcNow.AddDays(30) };

    private async Task<HttpClient> AppApiAsync() => (await AppApiWithClientIdAsync()).Api;

    /// <summary>An API client holding a fresh sandbox app's client-credentials token, and that app's client id.</summary>
    private async Task<(HttpClient Api, string ClientId)> AppApiWithClientIdAsync()
    {
        var (_, _, app) = await _journeys.NewAppAsync("accounts.read");
        using var token = await _journeys.TokenAsync(app.ClientId, app.ClientSecret, new() { ["grant_type"] = "client_credentials", ["scope"] = "accounts.read" });
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString();
        var api = platform.CreateClient("api");
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (api, app.ClientId);
    }
}
