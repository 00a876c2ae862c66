#:sdk Microsoft.NET.Sdk.Web

// Verifying Wekeza webhooks in C#: the check needs only the base library, the receiver is ASP.NET Core (docs/webhooks.md
// shows the regions below).
//   dotnet run verify.cs -- serve <port> <whsec_…>    a receiver at http://localhost:<port>/webhooks/wekeza
//   dotnet run verify.cs -- check <whsec_…> <webhook-id> <webhook-timestamp> <webhook-signature> <body file> [now, Unix seconds]
// run.sh runs both against signatures computed with openssl.

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

if (args is ["check", var checkSecret, var checkId, var checkTimestamp, var checkSignature, var bodyFile, .. var rest])
{
    var at = rest is [var seconds] ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(seconds)) : DateTimeOffset.UtcNow;
    var valid = WekezaWebhooks.Verify(checkSecret, checkId, checkTimestamp, checkSignature, File.ReadAllBytes(bodyFile), at);
    Console.WriteLine(valid ? "ok" : "fail");
    return valid ? 0 : 1;
}

if (args is ["serve", var port, var secret])
{
    WekezaReceiver.Run(int.Parse(port), secret);
    return 0;
}

Console.Error.WriteLine("usage: dotnet run verify.cs -- serve <port> <secret> | check <secret> <id> <timestamp> <signature> <body file> [now]");
return 2;

// #region receiver
static class WekezaReceiver
{
    public static void Run(int port, string secret)
    {
        var handled = new ConcurrentDictionary<string, bool>(); // in production: your database, in the transaction of the work
        var app = WebApplication.Create();
        app.MapPost("/webhooks/wekeza", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray(); // the raw bytes, exactly as received: verify before parsing
            string? id = request.Headers["webhook-id"];
            if (!WekezaWebhooks.Verify(secret, id, request.Headers["webhook-timestamp"], request.Headers["webhook-signature"], body, DateTimeOffset.UtcNow))
            {
                return Results.Unauthorized();
            }

            if (handled.TryAdd(id!, true)) // a retry of an event already handled is acknowledged and skipped
            {
                var webhookEvent = JsonDocument.Parse(body).RootElement;
                Console.WriteLine($"{webhookEvent.GetProperty("type")} {webhookEvent.GetProperty("subject")} #{webhookEvent.GetProperty("sequence")}");
            }

            return Results.NoContent();
        });
        app.Run($"http://localhost:{port}");
    }
}
// #endregion

// #region verify
static class WekezaWebhooks
{
    private const long ToleranceSeconds = 5 * 60;

    /// <summary>
    /// True when <paramref name="signatures"/> (the webhook-signature header) holds a valid signature of the body by
    /// the secret, and webhook-timestamp is within five minutes of <paramref name="now"/>. The body is the raw request
    /// body, exactly as received.
    /// </summary>
    public static bool Verify(string secret, string? id, string? timestamp, string? signatures, byte[] body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(signatures) || timestamp is null || !timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(timestamp, out var seconds) || Math.Abs(now.ToUnixTimeSeconds() - seconds) > ToleranceSeconds)
        {
            return false;
        }

        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        byte[] signed = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body];
        var expected = HMACSHA256.HashData(key, signed);
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var given = new byte[expected.Length];
            if (signature.StartsWith("v1,", StringComparison.Ordinal) && Convert.TryFromBase64String(signature[3..], given, out var length)
                && length == given.Length && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return true;
            }
        }

        return false;
    }
}
// #endregion
