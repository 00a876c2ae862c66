using System.Security.Cryptography.X509Certificates;
using Wekeza.AppHost.Hosting.Certificates;

namespace Wekeza.AppHost.Tests.Certificates;

public sealed class KeyCertificatesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wekeza-token-certs-").FullName;

    [Fact]
    public void The_signing_certificate_is_ecdsa_p256_and_survives_a_restart()
    {
        var first = KeyCertificates.Ensure(_folder, "auth-signing", X509KeyUsageFlags.DigitalSignature);
        using var created = X509Certificate2.CreateFromPemFile(first.Certificate, first.Key);

        var second = KeyCertificates.Ensure(_folder, "auth-signing", X509KeyUsageFlags.DigitalSignature);
        using var reused = X509Certificate2.CreateFromPemFile(second.Certificate, second.Key);

        Assert.Equal(256, created.GetECDsaPublicKey()!.KeySize);
        Assert.Equal(created.Thumbprint, reused.Thumbprint);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.Key));
    }

    [Fact]
    public void The_encryption_certificate_is_rsa()
    {
        var paths = KeyCertificates.Ensure(_folder, "auth-encryption", X509KeyUsageFlags.KeyEncipherment);
        using var certificate = X509Certificate2.CreateFromPemFile(paths.Certificate, paths.Key);

        Assert.NotNull(certificate.GetRSAPrivateKey());
    }

    [Fact]
    public void A_certificate_within_a_month_of_expiry_is_replaced()
    {
        var paths = KeyCertificates.Ensure(_folder, "auth-signing", X509KeyUsageFlags.DigitalSignature);
        using var old = X509Certificate2.CreateFromPemFile(paths.Certificate, paths.Key);

        KeyCertificates.Ensure(_folder, "auth-signing", X509KeyUsageFlags.DigitalSignature, new ShiftedClock(old.NotAfter.AddDays(-10)));
        using var renewed = X509Certificate2.CreateFromPemFile(paths.Certificate, paths.Key);

        Assert.NotEqual(old.Thumbprint, renewed.Thumbprint);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class ShiftedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now.ToUniversalTime(), TimeSpan.Zero);
    }
}
