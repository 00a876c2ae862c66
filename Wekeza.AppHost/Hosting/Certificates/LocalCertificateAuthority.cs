using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Wekeza.AppHost.Hosting.Certificates;

/// <summary>
/// The local stack's own certificate authority, as mkcert does it: a CA made once under <c>.wekeza/certs</c> that you
/// trust once, and a <c>localhost</c> server certificate it signs (renewed before it expires). The CA carries name
/// constraints, so even once trusted it can vouch only for localhost and loopback addresses, never for a real site.
/// </summary>
public sealed class LocalCertificateAuthority
{
    public const string CaCertificateFile = "wekeza-local-ca.crt";
    private const string CaKeyFile = "wekeza-local-ca.key";
    private const string ServerCertificateFile = "localhost.crt";
    private const string ServerKeyFile = "localhost.key";

    private LocalCertificateAuthority(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string CaCertificatePath => Path.Combine(Directory, CaCertificateFile);

    public string ServerCertificatePath => Path.Combine(Directory, ServerCertificateFile);

    public string ServerKeyPath => Path.Combine(Directory, ServerKeyFile);

    /// <summary>Loads the CA and server certificate from <paramref name="directory"/>, making whichever is missing or expiring.</summary>
    public static LocalCertificateAuthority Ensure(string directory, TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        System.IO.Directory.CreateDirectory(directory);
        var authority = new LocalCertificateAuthority(directory);
        using var ca = authority.LoadOrCreateCa(now);
        authority.EnsureServerCertificate(ca, now);
        return authority;
    }

    private X509Certificate2 LoadOrCreateCa(DateTimeOffset now)
    {
        var keyPath = Path.Combine(Directory, CaKeyFile);
        if (File.Exists(CaCertificatePath) && File.Exists(keyPath))
        {
            var existing = X509Certificate2.CreateFromPemFile(CaCertificatePath, keyPath);
            if (existing.NotAfter > now.AddDays(30).UtcDateTime)
            {
                return existing;
            }
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(
            $"CN=Wekeza Local Development CA ({Environment.MachineName}), O=Wekeza Open Platform (local only)",
            key,
            HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(LoopbackNameConstraints());
        var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));

        WritePem(CaCertificatePath, ca.ExportCertificatePem(), secret: false);
        WritePem(keyPath, key.ExportPkcs8PrivateKeyPem(), secret: true);
        // A new CA invalidates the server certificate the old one signed.
        File.Delete(ServerCertificatePath);
        return X509Certificate2.CreateFromPemFile(CaCertificatePath, keyPath);
    }

    private void EnsureServerCertificate(X509Certificate2 ca, DateTimeOffset now)
    {
        if (File.Exists(ServerCertificatePath) && File.Exists(ServerKeyPath))
        {
            using var existing = X509CertificateLoader.LoadCertificateFromFile(ServerCertificatePath);
            if (existing.NotAfter > now.AddDays(30).UtcDateTime && existing.Issuer == ca.Subject)
            {
                return;
            }
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));

        // 397 days: the longest validity browsers accept for a server certificate.
        var notAfter = now.AddDays(397) < ca.NotAfter ? now.AddDays(397) : new DateTimeOffset(ca.NotAfter);
        using var signed = request.Create(ca, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        WritePem(ServerCertificatePath, signed.ExportCertificatePem(), secret: false);
        WritePem(ServerKeyPath, key.ExportPkcs8PrivateKeyPem(), secret: true);
    }

    /// <summary>RFC 5280 name constraints: permit DNS "localhost" and the IPv4/IPv6 loopback ranges, nothing else.</summary>
    private static X509Extension LoopbackNameConstraints()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                WriteSubtree(w => w.WriteCharacterString(UniversalTagNumber.IA5String, "localhost", new Asn1Tag(TagClass.ContextSpecific, 2)));
                WriteSubtree(w => w.WriteOctetString([127, 0, 0, 0, 255, 0, 0, 0], new Asn1Tag(TagClass.ContextSpecific, 7)));
                WriteSubtree(w => w.WriteOctetString([.. IPAddress.IPv6Loopback.GetAddressBytes(), .. Enumerable.Repeat((byte)255, 16)], new Asn1Tag(TagClass.ContextSpecific, 7)));
            }
        }

        return new X509Extension("2.5.29.30", writer.Encode(), critical: true);

        void WriteSubtree(Action<AsnWriter> writeName)
        {
            using (writer.PushSequence())
            {
                writeName(writer);
            }
        }
    }

    private static void WritePem(string path, string pem, bool secret)
    {
        File.WriteAllText(path, pem + "\n");
        File.SetUnixFileMode(path, secret
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite
            : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }
}
