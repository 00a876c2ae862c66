using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Wekeza.AppHost.Hosting.Certificates;

namespace Wekeza.AppHost.Tests.Certificates;

public sealed class LocalCertificateAuthorityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wekeza-ca-").FullName;

    [Fact]
    public void Server_certificate_is_for_localhost_and_chains_to_the_local_CA()
    {
        var authority = LocalCertificateAuthority.Ensure(_directory);

        using var server = X509Certificate2.CreateFromPemFile(authority.ServerCertificatePath, authority.ServerKeyPath);
        Assert.True(server.HasPrivateKey);
        Assert.True(server.MatchesHostname("localhost"));
        Assert.True(server.MatchesHostname("127.0.0.1"));
        Assert.False(server.MatchesHostname("example.com"));
        Assert.True(BuildChain(server, authority), "the server certificate must chain to the CA");
    }

    [Fact]
    public void The_CA_cannot_vouch_for_any_name_but_loopback_even_when_trusted()
    {
        var authority = LocalCertificateAuthority.Ensure(_directory);
        using var ca = X509Certificate2.CreateFromPemFile(authority.CaCertificatePath, Path.Combine(_directory, "wekeza-local-ca.key"));

        // Someone with the CA key signs a certificate for a real bank's host name: the name constraints refuse it.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=www.example-bank.co.ke", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("www.example-bank.co.ke");
        request.CertificateExtensions.Add(names.Build());
        using var forged = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3, 4]);

        Assert.False(BuildChain(forged, authority));
    }

    [Fact]
    public void Certificates_are_made_once_and_kept_and_keys_are_private()
    {
        var first = LocalCertificateAuthority.Ensure(_directory);
        var caBefore = File.ReadAllText(first.CaCertificatePath);
        var serverBefore = File.ReadAllText(first.ServerCertificatePath);

        var second = LocalCertificateAuthority.Ensure(_directory);

        Assert.Equal(caBefore, File.ReadAllText(second.CaCertificatePath));
        Assert.Equal(serverBefore, File.ReadAllText(second.ServerCertificatePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(second.ServerKeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "wekeza-local-ca.key")));
    }

    [Fact]
    public void A_server_certificate_close_to_expiry_is_renewed_by_the_same_CA()
    {
        var authority = LocalCertificateAuthority.Ensure(_directory);
        var caBefore = File.ReadAllText(authority.CaCertificatePath);
        var serverBefore = File.ReadAllText(authority.ServerCertificatePath);

        // 380 days on, the 397-day server certificate has under 30 days left; the 10-year CA has years.
        LocalCertificateAuthority.Ensure(_directory, new FixedClock(DateTimeOffset.UtcNow.AddDays(380)));

        Assert.Equal(caBefore, File.ReadAllText(authority.CaCertificatePath));
        Assert.NotEqual(serverBefore, File.ReadAllText(authority.ServerCertificatePath));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static bool BuildChain(X509Certificate2 certificate, LocalCertificateAuthority authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificateFromFile(authority.CaCertificatePath));
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
