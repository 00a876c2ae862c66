using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Wekeza.IntegrationTests.Webhooks;

/// <summary>A request the receiver got: when, the Standard Webhooks headers, and the exact body.</summary>
public sealed record ReceivedWebhook(string Path, DateTimeOffset At, string Id, string Timestamp, string Signature, string Body);

/// <summary>
/// A developer's webhook endpoint, hosted in the test on loopback over plain HTTP (as a sandbox app may). Each path
/// is an endpoint whose behaviour the test scripts: answer codes in turn, wait, close the connection, redirect.
/// Every request is recorded, whatever the answer.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Behaviour> _behaviours = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    public sealed record Behaviour(int[] Codes, TimeSpan Delay = default, bool Close = false, string? RedirectTo = null)
    {
        private int _calls;

        public int Next() => Codes[Math.Min(Interlocked.Increment(ref _calls) - 1, Codes.Length - 1)];
    }

    private WebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        receiver.BaseUrl = app.Urls.Single().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        return receiver;
    }

    /// <summary>A new endpoint URL on this receiver that behaves as told (by default: 200 every time).</summary>
    public string Endpoint(Behaviour? behaviour = null)
    {
        var path = "/hooks/" + Guid.NewGuid().ToString("N")[..12];
        _behaviours[path] = behaviour ?? new Behaviour([200]);
        return BaseUrl + path;
    }

    public IReadOnlyList<ReceivedWebhook> At(string url) =>
        [.. _received.Where(r => url.EndsWith(r.Path, StringComparison.Ordinal)).OrderBy(r => r.At)];

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(string url, int count, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (At(url) is { } got && got.Count >= count)
            {
                return got;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"{url} received {At(url).Count} of {count} webhook(s) within {(within ?? TimeSpan.FromSeconds(30)).TotalSeconds} s.");
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var path = context.Request.Path.Value ?? "";
        _received.Enqueue(new ReceivedWebhook(path, DateTimeOffset.UtcNow, context.Request.Headers["webhook-id"].ToString(),
            context.Request.Headers["webhook-timestamp"].ToString(), context.Request.Headers["webhook-signature"].ToString(), body));
        var behaviour = _behaviours.GetValueOrDefault(path) ?? new Behaviour([404]);
        if (behaviour.Delay > TimeSpan.Zero)
        {
            await Task.Delay(behaviour.Delay, context.RequestAborted);
        }

        if (behaviour.Close)
        {
            context.Abort();
            return;
        }

        if (behaviour.RedirectTo is { } target)
        {
            context.Response.Redirect(target);
            return;
        }

        context.Response.StatusCode = behaviour.Next();
        await context.Response.WriteAsync(context.Response.StatusCode < 300 ? "ok, thanks" : "receiver says no", context.RequestAborted);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
