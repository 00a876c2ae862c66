using System.Security.Cryptography;

namespace Wekeza.Auth.Server;

/// <summary>
/// Client ids and secrets as this server makes them: from the operating system's CSPRNG, with a prefix that says what
/// they are and for which environment (so a leaked secret is recognisable by secret scanners and by people).
/// </summary>
public static class ClientSecrets
{
    private const string SecretMarker = "wk_";

    /// <summary><c>sbx_</c> or <c>live_</c> and 128 random bits: unique without a lookup, and not guessable.</summary>
    public static string NewClientId(string environmentPrefix) =>
        $"{environmentPrefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

    /// <summary><c>wk_sbx_sk_</c> and 256 random bits, base64url.</summary>
    public static string NewSecret(string environmentPrefix) =>
        $"{SecretMarker}{environmentPrefix}_sk_{Base64Url(RandomNumberGenerator.GetBytes(32))}";

    /// <summary>Generated here (so full-entropy) rather than chosen by a person.</summary>
    public static bool IsGenerated(string secret) =>
        secret.StartsWith(SecretMarker, StringComparison.Ordinal) && secret.Length >= SecretMarker.Length + 43;

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
