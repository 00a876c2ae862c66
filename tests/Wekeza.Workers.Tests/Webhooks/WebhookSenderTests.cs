using Microsoft.Extensions.Configuration;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Wekeza.Banking.Webhooks;
using Wekeza.Workers.Webhooks;

namespace Wekeza.Workers.Tests.Webhooks;

/// <summary>
/// The sender against a real HTTP server on loopback: what it sends, and where it refuses to go. Names resolve
/// through a fake DNS, so "a public-looking name that resolves to a private address" can be tested offline.
/// </summary>
public sealed class WebhookSenderTests : IAsyncLifetime
{
    private WebApplication _server = null!;
    private int _port;
    private readonly List<Dictionary<string, string>> _requests = [];

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _server = builder.Build();
        _server.MapPost("/ok", (HttpContext context) =>
        {
            lock (_requests)
            {
                _requests.Add(context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()));
            }

            return Results.Text(new string('x', 5000));
        });
        _server.MapPost("/moved", () => Results.Redirect("https://elsewhere.example/hook"));
        _server.MapPost("/slow", async () =>
        {
            await Task.Delay(3000);
            return Results.Ok();
        });
        await _server.StartAsync(TestContext.Current.CancellationToken);
        _port = new Uri(_server.Urls.Single()).Port;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_sandbox_delivery_to_localhost_is_signed_and_keeps_only_the_start_of_the_answer()
    {
        using var sender = Sender();
        var result = await sender.SendAsync(Request($"http://localhost:{_port}/ok", sandbox: true), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(WebhookAttempt.ResponseBodyMaxLength, result.ResponseBody!.Length);
        var headers = Assert.Single(_requests);
        Assert.Equal("evt_1", headers["webhook-id"]);
        Assert.StartsWith("v1,", headers["webhook-signature"]);
        Assert.Equal(WebhookSender.UserAgent, headers["user-agent"]);
    }

    [Fact]
    public async Task A_production_delivery_never_connects_to_loopback_even_through_a_public_looking_name()
    {
        using var sender = Sender(new Dictionary<string, IPAddress> { ["hooks.fintech.example"] = IPAddress.Loopback });
        var byName = await sender.SendAsync(Request($"http://hooks.fintech.example:{_port}/ok", sandbox: false), TestContext.Current.CancellationToken);
        var byAddress = await sender.SendAsync(Request($"http://127.0.0.1:{_port}/ok", sandbox: false), TestContext.Current.CancellationToken);
        Assert.All([byName, byAddress], result => Assert.StartsWith("Address not allowed", result.Error));
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task A_sandbox_delivery_may_reach_loopback_but_not_the_private_network()
    {
        using var sender = Sender(new Dictionary<string, IPAddress> { ["intranet.example"] = IPAddress.Parse("10.20.30.40") });
        var result = await sender.SendAsync(Request($"http://intranet.example:{_port}/ok", sandbox: true), TestContext.Current.CancellationToken);
        Assert.StartsWith("Address not allowed", result.Error);
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        using var sender = Sender();
        var result = await sender.SendAsync(Request($"http://localhost:{_port}/moved", sandbox: true), TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        Assert.Equal(302, result.StatusCode);
        Assert.Contains("https://elsewhere.example/hook", result.Error);
    }

    [Fact]
    public async Task An_answer_slower_than_the_timeout_is_a_failed_attempt()
    {
        using var sender = Sender(timeout: TimeSpan.FromMilliseconds(500));
        var result = await sender.SendAsync(Request($"http://localhost:{_port}/slow", sandbox: true), TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        Assert.StartsWith("Timed out after 0.5 s", result.Error);
        Assert.InRange(result.DurationMs, 450, 2500);
    }

    private static WebhookRequest Request(string url, bool sandbox) =>
        new(url, sandbox, "evt_1", """{"id":"evt_1"}""", [WebhookSecretProtector.NewSecret()]);

    private static WebhookSender Sender(Dictionary<string, IPAddress>? names = null, TimeSpan? timeout = null) =>
        new(Options.Create(new WebhookPolicy { Timeout = timeout ?? TimeSpan.FromSeconds(5) }), TimeProvider.System, new FakeDns(names ?? []),
            new ConfigurationBuilder().Build());

    private sealed class FakeDns(Dictionary<string, IPAddress> names) : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult(names.TryGetValue(host, out var address) ? [address] : host == "localhost" ? new[] { IPAddress.Loopback } : []);
    }
}
