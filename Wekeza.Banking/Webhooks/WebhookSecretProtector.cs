using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Wekeza.Banking.Webhooks;

/// <summary>
/// Encrypts endpoints' signing secrets at rest (AES-256-GCM). They cannot be hashed: the workers need them to sign.
/// The key comes from <c>Webhooks:SecretKey</c> (any long random string; the AppHost generates one); keys named in
/// <c>Webhooks:PreviousSecretKeys</c> still decrypt what they encrypted, so the key can be rotated. Each ciphertext
/// names its key: <c>v1.{keyId}.{base64(nonce ‖ tag ‖ ciphertext)}</c>.
/// </summary>
public sealed class WebhookSecretProtector
{
    private readonly (string Id, byte[] Key)? _current;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public WebhookSecretProtector(IConfiguration configuration)
    {
        var previous = configuration.GetSection("Webhooks:PreviousSecretKeys").Get<string[]>() ?? [];
        foreach (var material in previous)
        {
            var (id, key) = Derive(material);
            _keys[id] = key;
        }

        if (configuration["Webhooks:SecretKey"] is { Length: > 0 } current)
        {
            _current = Derive(current);
            _keys[_current.Value.Id] = _current.Value.Key;
        }
    }

    public string Protect(string secret)
    {
        var (id, key) = _current ?? throw new InvalidOperationException(
            "Webhooks:SecretKey is not configured: webhook signing secrets cannot be stored. The AppHost sets it; set it yourself when running a service alone.");
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[12 + 16 + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16));
        return $"v1.{id}.{Convert.ToBase64String(sealedBytes)}";
    }

    public string Unprotect(string ciphertext)
    {
        var parts = ciphertext.Split('.');
        if (parts is not ["v1", var id, var payload] || !_keys.TryGetValue(id, out var key))
        {
            throw new CryptographicException("This webhook secret was encrypted with a key that is not configured (Webhooks:SecretKey, Webhooks:PreviousSecretKeys).");
        }

        var sealedBytes = Convert.FromBase64String(payload);
        var plaintext = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plaintext);
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>A new Standard Webhooks secret: <c>whsec_</c> and 32 random bytes in base64.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static (string Id, byte[] Key) Derive(string material)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(material), 32, info: "wekeza webhook secrets"u8.ToArray());
        return (Convert.ToHexStringLower(SHA256.HashData(key))[..8], key);
    }
}
