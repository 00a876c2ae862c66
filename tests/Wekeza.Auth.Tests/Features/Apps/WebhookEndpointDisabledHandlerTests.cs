using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Wekeza.Auth.Data;
using Wekeza.Auth.Features.Apps;
using Wekeza.Auth.Features.Email;
using Wekeza.Webhooks;

namespace Wekeza.Auth.Tests.Features.Apps;

public sealed class WebhookEndpointDisabledHandlerTests : IAsyncDisposable
{
    private static readonly DateTimeOffset FailingSince = new(2026, 11, 19, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DisabledAt = FailingSince.AddDays(5);

    private static readonly WekezaUser Owner = new() { Id = "user-1", Email = "dev@example.com", DisplayName = "Asha Developer" };

    private static readonly AppRegistration App = new()
    {
        Id = "app_0199", ClientId = "sbx_orders", OwnerId = Owner.Id, Name = "Orders", Environment = AppEnvironments.Sandbox,
        Status = AppStatuses.Active,
    };

    private readonly Mailbox _mail = new();
    private readonly MemorySentEmails _sent = new();
    private readonly Dictionary<string, AppWithOwner> _apps = new() { [App.ClientId] = new(App, Owner) };
    private readonly ServiceProvider _services;
    private readonly WebhookEndpointDisabledHandler _handler;

    public WebhookEndpointDisabledHandlerTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{AuthSeeder.PortalSection}:BaseUrl"] = "https://portal.example/",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IMailer>(_mail)
            .AddSingleton<ISentEmails>(_sent)
            .AddSingleton<IAppOwners>(new AppsById(_apps))
            .AddScoped<AppEmails>();
        services.AddOptions<EmailOptions>();
        _services = services.BuildServiceProvider();
        _handler = new WebhookEndpointDisabledHandler(_services.GetRequiredService<IServiceScopeFactory>(), NullLogger<WebhookEndpointDisabledHandler>.Instance);
    }

    [Fact]
    public void It_handles_the_event_the_workers_publish() =>
        Assert.Equal("webhook-endpoint.disabled", _handler.EventType);

    [Fact]
    public async Task The_apps_owner_is_told_which_endpoint_stopped_since_when_why_and_how_to_resume()
    {
        await _handler.HandleAsync(Body(Disabled()), TestContext.Current.CancellationToken);

        var message = Assert.Single(_mail.Sent);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        Assert.Equal("dev@example.com", to.Address);
        Assert.Equal("Asha Developer", to.Name);
        Assert.Equal("Webhook endpoint disabled: https://hooks.example.com/wekeza", message.Subject);

        var text = message.TextBody;
        Assert.Contains("Hello Asha Developer,", text, StringComparison.Ordinal);
        Assert.Contains("your sandbox app Orders (sbx_orders) failed for 5 days", text, StringComparison.Ordinal);
        Assert.Contains("Endpoint: https://hooks.example.com/wekeza", text, StringComparison.Ordinal);
        Assert.Contains("Failing since: 2026-11-19 10:00 UTC", text, StringComparison.Ordinal);
        Assert.Contains("Disabled at: 2026-11-24 10:00 UTC", text, StringComparison.Ordinal);
        Assert.Contains("Last error: HTTP 500", text, StringComparison.Ordinal);
        Assert.Contains("re-enable it in the developer portal (Apps → Orders → Webhooks)", text, StringComparison.Ordinal);
        Assert.Contains("https://portal.example/apps/app_0199", text, StringComparison.Ordinal);
        Assert.Contains("GET /v1/events", text, StringComparison.Ordinal);
        Assert.Contains("Last error: HTTP 500", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://portal.example/apps/app_0199\"", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_in_the_urls_query_stays_out_of_the_subject_but_the_body_names_the_whole_url()
    {
        await _handler.HandleAsync(Body(Disabled(url: "https://hooks.example.com/wekeza?token=s3cret")), TestContext.Current.CancellationToken);

        var message = Assert.Single(_mail.Sent);
        Assert.Equal("Webhook endpoint disabled: https://hooks.example.com/wekeza", message.Subject);
        Assert.Contains("Endpoint: https://hooks.example.com/wekeza?token=s3cret", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_app_and_the_error_say_is_encoded_in_the_html()
    {
        _apps[App.ClientId] = new(new AppRegistration
        {
            Id = App.Id, ClientId = App.ClientId, OwnerId = Owner.Id, Name = "<b>Orders</b>", Environment = App.Environment, Status = App.Status,
        }, Owner);

        await _handler.HandleAsync(Body(Disabled(lastError: "<script>alert(1)</script>")), TestContext.Current.CancellationToken);

        var html = Assert.Single(_mail.Sent).HtmlBody;
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Orders</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_event_sends_no_second_email()
    {
        var body = Body(Disabled());

        await _handler.HandleAsync(body, TestContext.Current.CancellationToken);
        await _handler.HandleAsync(body, TestContext.Current.CancellationToken);

        Assert.Single(_mail.Sent);
    }

    [Fact]
    public async Task An_endpoint_disabled_again_after_it_was_re_enabled_is_news_again()
    {
        await _handler.HandleAsync(Body(Disabled()), TestContext.Current.CancellationToken);
        await _handler.HandleAsync(Body(Disabled(disabledAt: DisabledAt.AddDays(7))), TestContext.Current.CancellationToken);

        Assert.Equal(2, _mail.Sent.Count);
    }

    [Fact]
    public async Task Two_copies_that_do_get_through_carry_the_same_message_id()
    {
        // The record of sent emails is best effort (its store may be down): mail systems that deduplicate by
        // Message-ID still see one message.
        _sent.Forgetful = true;

        await _handler.HandleAsync(Body(Disabled()), TestContext.Current.CancellationToken);
        await _handler.HandleAsync(Body(Disabled()), TestContext.Current.CancellationToken);

        Assert.Equal(2, _mail.Sent.Count);
        Assert.Equal(_mail.Sent[0].MessageId, _mail.Sent[1].MessageId);
        Assert.StartsWith("webhook-endpoint-disabled.we_0199.", _mail.Sent[0].MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_client_a_deleted_app_is_acknowledged_without_an_email()
    {
        // Returning normally is what acknowledges the message: a retry could not find the app either.
        await _handler.HandleAsync(Body(Disabled(clientId: "sbx_deleted")), TestContext.Current.CancellationToken);

        Assert.Empty(_mail.Sent);
        Assert.Empty(_sent.Keys);
    }

    [Fact]
    public async Task An_app_whose_owner_is_gone_is_acknowledged_without_an_email()
    {
        _apps[App.ClientId] = new(App, Owner: null);

        await _handler.HandleAsync(Body(Disabled()), TestContext.Current.CancellationToken);

        Assert.Empty(_mail.Sent);
    }

    [Fact]
    public async Task A_mailer_failure_fails_the_message_and_the_retry_sends_the_email()
    {
        _mail.FailNext = true;

        await Assert.ThrowsAsync<IOException>(() => _handler.HandleAsync(Body(Disabled()), TestContext.Current.CancellationToken));
        Assert.Empty(_sent.Keys);

        await _handler.HandleAsync(Body(Disabled()), TestContext.Current.CancellationToken);
        Assert.Single(_mail.Sent);
    }

    [Theory]
    [InlineData("""{ "endpointId": "we_1", "url": "https://hooks.example.com/" }""")]
    [InlineData("""{ "clientId": "sbx_orders", "url": "https://hooks.example.com/" }""")]
    [InlineData("""{ "endpointId": "we_1", "clientId": "sbx_orders" }""")]
    [InlineData("null")]
    [InlineData("not json")]
    public async Task A_malformed_event_fails_so_it_ends_in_the_dead_letter_queue(string json)
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => _handler.HandleAsync(Encoding.UTF8.GetBytes(json), TestContext.Current.CancellationToken));

        Assert.Empty(_mail.Sent);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private static WebhookEndpointDisabledData Disabled(string clientId = "sbx_orders", string url = "https://hooks.example.com/wekeza",
        DateTimeOffset? disabledAt = null, string? lastError = "HTTP 500") =>
        new("we_0199", clientId, url, FailingSince, disabledAt ?? DisabledAt, lastError);

    /// <summary>The message body as the outbox relay publishes it.</summary>
    private static byte[] Body(WebhookEndpointDisabledData data) => JsonSerializer.SerializeToUtf8Bytes(data, JsonSerializerOptions.Web);

    private sealed class Mailbox : IMailer
    {
        public List<MimeMessage> Sent { get; } = [];

        public bool FailNext { get; set; }

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("The SMTP server is not answering.");
            }

            Sent.Add(message);
            return Task.CompletedTask;
        }
    }

    private sealed class MemorySentEmails : ISentEmails
    {
        public HashSet<string> Keys { get; } = [];

        /// <summary>As when the cache is unreachable: nothing is remembered.</summary>
        public bool Forgetful { get; set; }

        public Task<bool> WasSentAsync(string key) => Task.FromResult(Keys.Contains(key));

        public Task RecordAsync(string key, TimeSpan keepFor)
        {
            if (!Forgetful)
            {
                Keys.Add(key);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class AppsById(Dictionary<string, AppWithOwner> apps) : IAppOwners
    {
        public Task<AppWithOwner?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken) =>
            Task.FromResult(apps.GetValueOrDefault(clientId));
    }
}
