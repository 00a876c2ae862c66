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
    /// keys"), so tokens they signed stay valid during a rotation. For ECDSA keys the main one signs; for RSA
    /// certificates OpenIddict signs with the valid one that expires last and never with one not yet valid.
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
            foreach (var certificate in _additionalSigning.Prepend(_signing))
            {
                AddSigning(server, certificate);
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

    /// <summary>
    /// RSA certificates sign RS256, which OpenIddict infers. ECDSA P-256 ones (what the AppHost makes) sign ES256 through
    /// their raw key, because IdentityModel signs with X.509 keys only when they are RSA; the key id is the
    /// certificate's thumbprint, as it would be for an X.509 key.
    /// </summary>
    private static void AddSigning(OpenIddictServerBuilder server, X509Certificate2 certificate)
    {
        if (certificate.GetECDsaPrivateKey() is { KeySize: 256 } ecdsa)
        {
            server.AddSigningCredentials(new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(ecdsa) { KeyId = certificate.Thumbprint },
                Microsoft.IdentityModel.Tokens.SecurityAlgorithms.EcdsaSha256));
        }
        else
        {
            server.AddSigningCertificate(certificate);
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
