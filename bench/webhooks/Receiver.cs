using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Wekeza.Bench;

/// <summary>A delivery as it arrived: to which endpoint, when (Stopwatch ticks, on entering the handler), its Standard Webhooks headers and body.</summary>
internal sealed record Receipt(int Endpoint, long ReceivedAt, string Id, string Timestamp, string Signature, byte[] Body);

/// <summary>A receipt once checked: the event it carries (its subject, its envelope timestamp) and whether it was signed right.</summary>
internal sealed record CheckedReceipt(int Endpoint, long ReceivedAt, string Subject, DateTimeOffset? EventTimestamp, bool Valid);

/// <summary>
/// The developer's receiver: Kestrel on loopback over plain HTTP (a sandbox app may point at http://127.0.0.1), one path
/// per endpoint, answering 200 with an empty body at once. It only records; signatures are checked after the run, so the
/// receiver costs the two shared cores as little as a receiver can. By default each endpoint has its own port: the
/// workers pool connections per host and port (ConcurrencyPerEndpoint of them), so endpoints on one port would share one
/// pool, which is not what five different receivers get (<c>--shared-port</c> measures that case).
/// </summary>
internal sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private ConcurrentQueue<Receipt> _receipts = new();
    private int _count;

    private Receiver(WebApplication app) => _app = app;

    /// <summary>The URL of endpoint i: <c>http://127.0.0.1:{port}/hooks/{i}</c>.</summary>
    public IReadOnlyList<string> Urls { get; private set; } = [];

    /// <summary>Deliveries received since the last <see cref="Take"/>.</summary>
    public int Count => Volatile.Read(ref _count);

    public static async Task<Receiver> StartAsync(int endpoints, bool sharedPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var ports = sharedPort ? 1 : endpoints;
        builder.WebHost.UseKestrel(kestrel =>
        {
            for (var i = 0; i < ports; i++)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
        });
        var app = builder.Build();
        var receiver = new Receiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();

        var bases = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Order(StringComparer.Ordinal).ToList();
        receiver.Urls = [.. Enumerable.Range(0, endpoints).Select(i => $"{bases[sharedPort ? 0 : i].TrimEnd('/')}/hooks/{i}")];
        return receiver;
    }

    /// <summary>Everything received since the last call, and a fresh start for the next run.</summary>
    public IReadOnlyList<Receipt> Take()
    {
        var taken = Interlocked.Exchange(ref _receipts, new ConcurrentQueue<Receipt>());
        Interlocked.Exchange(ref _count, 0);
        return [.. taken];
    }

    private async Task HandleAsync(HttpContext context)
    {
        var at = Stopwatch.GetTimestamp();
        var length = (int)(context.Request.ContentLength ?? 0);
        using var body = new MemoryStream(length > 0 ? length : 1024);
        await context.Request.Body.CopyToAsync(body);
        var path = context.Request.Path.Value ?? "";
        var endpoint = int.TryParse(path.AsSpan(path.LastIndexOf('/') + 1), out var n) ? n : -1;
        var headers = context.Request.Headers;
        _receipts.Enqueue(new Receipt(endpoint, at, headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(),
            headers["webhook-signature"].ToString(), body.ToArray()));
        Interlocked.Increment(ref _count);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }

    /// <summary>
    /// The receiver's side of Standard Webhooks, from the spec: the key is the base64 after <c>whsec_</c>, the signed
    /// content <c>{webhook-id}.{webhook-timestamp}.{body}</c>, any one <c>v1,</c> signature may match (a rotation sends
    /// two), and the timestamp must be within five minutes of the receipt. Also checks webhook-id is the body's event id.
    /// </summary>
    public static CheckedReceipt Check(Receipt receipt, IReadOnlyList<string> secrets)
    {
        string? subject = null;
        string? eventId = null;
        DateTimeOffset? timestamp = null;
        try
        {
            using var json = JsonDocument.Parse(receipt.Body);
            subject = json.RootElement.GetProperty("subject").GetString();
            eventId = json.RootElement.GetProperty("id").GetString();
            timestamp = json.RootElement.GetProperty("timestamp").GetDateTimeOffset();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            // Not an envelope: counted as invalid below.
        }

        var valid = subject is not null && eventId == receipt.Id && receipt.Endpoint >= 0 && receipt.Endpoint < secrets.Count
            && long.TryParse(receipt.Timestamp, out var seconds)
            && (BenchClock.ToUtc(receipt.ReceivedAt) - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() <= TimeSpan.FromMinutes(5)
            && SignatureMatches(secrets[receipt.Endpoint], receipt);
        return new CheckedReceipt(receipt.Endpoint, receipt.ReceivedAt, subject ?? "", timestamp, valid);
    }

    private static bool SignatureMatches(string secret, Receipt receipt)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var prefix = Encoding.UTF8.GetBytes($"{receipt.Id}.{receipt.Timestamp}.");
        var expected = HMACSHA256.HashData(key, prefix.Concat(receipt.Body).ToArray());
        return receipt.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part.StartsWith("v1,", StringComparison.Ordinal))
            .Any(part => CryptographicOperations.FixedTimeEquals(Decode(part[3..]), expected));

        static byte[] Decode(string value)
        {
            try
            {
                return Convert.FromBase64String(value);
            }
            catch (FormatException)
            {
                return [];
            }
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
