using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Wekeza.AppHost.Hosting.Certificates;

/// <summary>
/// Self-signed key certificates for the local stack: the auth server's token signing and encryption keys, and the key
/// that encrypts the services' Data Protection keys in Redis. Kept under the data folder so tokens and cookies survive
/// a restart. They are the same kind of configuration production uses (a PEM certificate and key), so the local stack
/// runs the production code path rather than development certificates.
/// </summary>
public static class KeyCertificates
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(2 * 365);

    public sealed record Paths(string Certificate, string Key);

    public static Paths Ensure(string directory, string name, X509KeyUsageFlags usage, TimeProvider? clock = null)
    {
        var paths = new Paths(Path.Combine(directory, $"{name}.crt"), Path.Combine(directory, $"{name}.key"));
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        if (File.Exists(paths.Certificate) && File.Exists(paths.Key)
            && X509Certificate2.CreateFromPemFile(paths.Certificate, paths.Key) is { } existing
            && existing.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(30))
        {
            existing.Dispose();
            return paths;
        }

        Directory.CreateDirectory(directory);
        // Signing: ECDSA P-256, so tokens are ES256, which FAPI 2.0 accepts (RS256 it does not) and which signs several
        // times faster than RSA on the token endpoint's hot path. Encryption (codes, refresh tokens): RSA-OAEP.
        using AsymmetricAlgorithm key = usage.HasFlag(X509KeyUsageFlags.DigitalSignature)
            ? ECDsa.Create(ECCurve.NamedCurves.nistP256)
            : RSA.Create(2048);
        var subject = $"CN=Wekeza Auth {name}";
        var request = key is ECDsa ecdsa
            ? new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256)
            : new CertificateRequest(subject, (RSA)key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Lifetime));

        File.WriteAllText(paths.Certificate, certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(paths.Key, key.ExportPkcs8PrivateKeyPem() + "\n");
        File.SetUnixFileMode(paths.Key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return paths;
    }
}
