using System.Security.Cryptography.X509Certificates;

namespace Wekeza.Auth.Server;

/// <summary>
/// The keys tokens are signed and encrypted with. Configured certificates always win; only Development may fall
/// back to OpenIddict's development certificates. Outside Development a missing key stops the start: ephemeral
/// keys would silently invalidate every token at each restart and differ between replicas.
/// </summary>
internal sealed class ServerCredentials
{
    public const string SigningSection = "Auth:Certificates:Signing";
    public const string EncryptionSection = "Auth:Certificates:Encryption";

    private readonly X509Certificate2? _signing;
    private readonly X509Certificate2? _encryption;

    private ServerCredentials(X509Certificate2? signing, X509Certificate2? encryption) =>
        (_signing, _encryption) = (signing, encryption);

    public static ServerCredentials FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var signing = CertificateSource.Load(configuration.GetSection(SigningSection));
        var encryption = CertificateSource.Load(configuration.GetSection(EncryptionSection));
        if (!environment.IsDevelopment())
        {
            Require(signing, SigningSection, "sign tokens", environment);
            Require(encryption, EncryptionSection, "encrypt authorization codes and refresh tokens", environment);
        }

        return new ServerCredentials(signing, encryption);
    }

    public void AddTo(OpenIddictServerBuilder server)
    {
        if (_signing is null)
        {
            server.AddDevelopmentSigningCertificate();
        }
        else
        {
            server.AddSigningCertificate(_signing);
        }

        if (_encryption is null)
        {
            server.AddDevelopmentEncryptionCertificate();
        }
        else
        {
            server.AddEncryptionCertificate(_encryption);
        }
    }

    private static void Require(X509Certificate2? certificate, string section, string purpose, IHostEnvironment environment)
    {
        if (certificate is null)
        {
            var variable = section.Replace(":", "__", StringComparison.Ordinal);
            throw new InvalidOperationException(
                $"Wekeza.Auth needs a certificate to {purpose} in the '{environment.EnvironmentName}' environment and none is configured. " +
                $"Set {section}:Path (env {variable}__Path) to a PEM certificate plus {section}:KeyPath to its PEM private key, " +
                $"or to a PFX/PKCS#12 file plus {section}:Password. Development certificates are used only in Development.");
        }
    }
}
