using System.Security.Cryptography;
using System.Text;

namespace Wekeza.IntegrationTests.Webhooks;

/// <summary>
/// The receiver's side of the Standard Webhooks spec, written here from the spec and not from the platform's code:
/// decode the key after <c>whsec_</c>, HMAC-SHA256 over <c>id.timestamp.body</c>, compare in constant time against
/// each <c>v1,</c> signature in the header, and refuse a timestamp more than five minutes off.
/// </summary>
public static class StandardWebhooksVerifier
{
    public static bool Verify(string secret, ReceivedWebhook webhook, TimeSpan? tolerance = null)
    {
        if (!long.TryParse(webhook.Timestamp, out var seconds)
            || (DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > (tolerance ?? TimeSpan.FromMinutes(5)))
        {
            return false;
        }

        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.{webhook.Body}"));
        return webhook.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part.StartsWith("v1,", StringComparison.Ordinal))
            .Any(part => CryptographicOperations.FixedTimeEquals(SafeDecode(part[3..]), expected));
    }

    private static byte[] SafeDecode(string value)
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
