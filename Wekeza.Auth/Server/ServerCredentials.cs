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

    /// <summary>
    /// More signing certificates, published in the JWKS beside the main one (docs/architecture.md, "Rotating signing
    /// keys"). OpenIddict signs with the valid certificate that expires last and never with one not yet valid, so a
    /// new key can be announced ahead and an old one kept until the tokens it signed have expired.
    /// </summary>
    public const string AdditionalSigningSection = "Auth:Certificates:AdditionalSigning";

    private readonly X509Certificate2? _signing;
    private readonly IReadOnlyList<X509Certificate2> _additionalSigning;
    private readonly X509Certificate2? _encryption;

    private ServerCredentials(X509Certificate2? signing, IReadOnlyList<X509Certificate2> additionalSigning, X509Certificate2? encryption) =>
        (_signing, _additionalSigning, _encryption) = (signing, additionalSigning, encryption);

    public static ServerCredentials FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var signing = CertificateSource.Load(configuration.GetSection(SigningSection));
        var encryption = CertificateSource.Load(configuration.GetSection(EncryptionSection));
        if (!environment.IsDevelopment())
        {
            Require(signing, SigningSection, "sign tokens", environment);
            Require(encryption, EncryptionSection, "encrypt authorization codes and refresh tokens", environment);
        }

        var additional = configuration.GetSection(AdditionalSigningSection).GetChildren()
            .Select(CertificateSource.Load).OfType<X509Certificate2>().ToList();
        return new ServerCredentials(signing, additional, encryption);
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
            foreach (var certificate in _additionalSigning)
            {
                server.AddSigningCertificate(certificate);
            }
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
