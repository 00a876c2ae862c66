using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Wekeza.Banking.Webhooks;

namespace Wekeza.Workers.Webhooks;

/// <summary>One HTTP attempt's outcome, as the developer will read it.</summary>
internal sealed record WebhookAttemptResult(bool Succeeded, int? StatusCode, int DurationMs, string? Error, string? ResponseBody);

/// <summary>A request for one attempt: where, what, and which secrets sign it.</summary>
internal sealed record WebhookRequest(string Url, bool Sandbox, string EventId, string Payload, IReadOnlyList<string> Secrets);

/// <summary>
/// Sends one signed delivery. Outbound safety first: the address actually connected to must be allowed (production
/// apps: public addresses only; sandbox apps: public, or this machine's loopback for a developer's local receiver) —
/// checked at connect time on the resolved address, so DNS that changes after the URL was saved cannot reach the
/// bank's network. Redirects are not followed, only the first 1 KB of the response is read, and the whole attempt
/// has a deadline. Sandbox and production use separate connection pools, so a connection opened under the looser
/// sandbox rule is never reused for a production app.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    public const string UserAgent = "Wekeza-Webhooks/1";

    private readonly HttpClient _production;
    private readonly HttpClient _sandbox;
    private readonly IOptions<WebhookPolicy> _policy;
    private readonly TimeProvider _clock;

    public WebhookSender(IOptions<WebhookPolicy> policy, TimeProvider clock, IHostResolver resolver, IConfiguration configuration)
    {
        _policy = policy;
        _clock = clock;
        var loopbackForSandbox = configuration.GetValue("Webhooks:AllowLoopbackForSandbox", true);
        _production = Create(resolver, address => WebhookAddresses.IsPublic(address), policy.Value);
        _sandbox = Create(resolver, address => WebhookAddresses.IsPublic(address) || loopbackForSandbox && IPAddress.IsLoopback(address), policy.Value);
    }

    public async Task<WebhookAttemptResult> SendAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(request.Payload);
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
        {
            Content = new ByteArrayContent(body),
        };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        message.Headers.TryAddWithoutValidation("webhook-id", request.EventId);
        message.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Sign(request.Secrets, request.EventId, timestamp, body));
        message.Headers.UserAgent.ParseAdd(UserAgent);

        var timeout = _policy.Value.Timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            using var response = await (request.Sandbox ? _sandbox : _production)
                .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            var start = await ReadStartAsync(response, deadline.Token);
            var elapsed = Elapsed();
            if (status is >= 200 and < 300)
            {
                return new(true, status, elapsed, null, start);
            }

            var error = status is >= 300 and < 400
                ? $"Redirect ({status}) not followed: point the endpoint at {response.Headers.Location?.ToString() ?? "the final URL"} instead."
                : $"HTTP {status}";
            return new(false, status, elapsed, Truncate(error), start);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, null, Elapsed(), $"Timed out after {timeout.TotalSeconds:0.#} s without a complete answer.", null);
        }
        catch (HttpRequestException ex)
        {
            return new(false, null, Elapsed(), Truncate(Describe(ex)), null);
        }
        catch (IOException ex)
        {
            return new(false, null, Elapsed(), Truncate("Connection closed: " + ex.Message), null);
        }
    }

    public void Dispose()
    {
        _production.Dispose();
        _sandbox.Dispose();
    }

    private static string Describe(HttpRequestException ex) => ex switch
    {
        { InnerException: AddressNotAllowedException blocked } => blocked.Message,
        { HttpRequestError: HttpRequestError.NameResolutionError } => "The host does not resolve.",
        { HttpRequestError: HttpRequestError.ConnectionError } => "Could not connect: " + (ex.InnerException?.Message ?? ex.Message),
        { HttpRequestError: HttpRequestError.SecureConnectionError } => "TLS handshake failed: " + (ex.InnerException?.Message ?? ex.Message),
        { HttpRequestError: HttpRequestError.ResponseEnded } => "Connection closed before a complete response.",
        { HttpRequestError: HttpRequestError.InvalidResponse } => "The answer was not valid HTTP.",
        { InnerException: IOException } => "Connection closed before a complete response.",
        _ => ex.Message,
    };

    /// <summary>The start of the body, at most 1 KB, as text: enough for a developer to see what their endpoint said.</summary>
    private static async Task<string?> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[WebhookAttempt.ResponseBodyMaxLength];
        var read = 0;
        int count;
        while (read < buffer.Length && (count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += count;
        }

        return read == 0 ? null : Truncate(Encoding.UTF8.GetString(buffer, 0, read).Replace("\0", ""), WebhookAttempt.ResponseBodyMaxLength);
    }

    private static string Truncate(string value, int length = 300) => value.Length <= length ? value : value[..length];

    private static HttpClient Create(IHostResolver resolver, Func<IPAddress, bool> isAllowed, WebhookPolicy policy)
    {
        bool allowed(IPAddress address) => isAllowed(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = Math.Max(policy.ConcurrencyPerEndpoint, 1),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            MaxResponseHeadersLength = 16,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var host = context.DnsEndPoint.Host;
                var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);
                var permitted = addresses.Where(allowed).ToArray();
                if (permitted.Length == 0)
                {
                    throw new AddressNotAllowedException(host);
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(permitted, context.DnsEndPoint.Port, cancellationToken);
                    // What we are connected to, not what we meant to connect to, is what must be allowed.
                    if (socket.RemoteEndPoint is not IPEndPoint remote || !allowed(remote.Address))
                    {
                        throw new AddressNotAllowedException(host);
                    }

                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}

internal sealed class AddressNotAllowedException(string host)
    : Exception($"Address not allowed: {host} resolves to a private, loopback or link-local address, which webhooks may not reach.");

/// <summary>DNS, replaceable in tests (a name that resolves to a private address).</summary>
internal interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

internal sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}
