using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Wekeza.Auth.Tests.Server;

/// <summary>Outside Development the server signs only with configured keys and refuses to start without them.</summary>
public sealed class ServerCredentialsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wekeza-auth-tests-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Outside_development_a_missing_certificate_stops_the_start_with_the_setting_to_fix()
    {
        using var factory = new AuthFactory { Environment = "Production" };

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateHttpsClient());

        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("Auth:Certificates:Signing:Path", messages);
    }

    [Fact]
    public async Task Outside_development_the_configured_signing_certificate_is_the_one_published()
    {
        using var signing = CreateCertificate("Wekeza Auth Signing", X509KeyUsageFlags.DigitalSignature);
        using var encryption = CreateCertificate("Wekeza Auth Encryption", X509KeyUsageFlags.KeyEncipherment);
        using var factory = new AuthFactory { Environment = "Production" };
        Configure(factory, "Signing", signing);
        Configure(factory, "Encryption", encryption);

        var jwks = await factory.CreateHttpsClient().GetFromJsonAsync<JsonElement>("/.well-known/jwks", Cancel);

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal(Base64UrlEncoder.Encode(signing.GetCertHash()), key.GetProperty("x5t").GetString());
    }

    [Fact]
    public void A_configured_path_that_does_not_exist_stops_the_start()
    {
        using var factory = new AuthFactory { Environment = "Production" };
        factory.Settings["Auth:Certificates:Signing:Path"] = Path.Combine(_folder, "missing.pem");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateHttpsClient());

        Assert.Contains(Chain(error), e => e.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Configure(AuthFactory factory, string purpose, X509Certificate2 certificate)
    {
        var certificatePath = Path.Combine(_folder, $"{purpose}.crt");
        var keyPath = Path.Combine(_folder, $"{purpose}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        factory.Settings[$"Auth:Certificates:{purpose}:Path"] = certificatePath;
        factory.Settings[$"Auth:Certificates:{purpose}:KeyPath"] = keyPath;
    }

    private static X509Certificate2 CreateCertificate(string name, X509KeyUsageFlags usage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
