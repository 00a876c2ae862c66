using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Wekeza.ServiceDefaults.Integrations;

/// <summary>
/// <c>DataProtection:Certificate</c> (Path + KeyPath, PEM): encrypts the Data Protection key ring at rest.
/// <c>DataProtection:PreviousCertificates:n</c>: kept only to decrypt keys written before a rotation.
/// </summary>
public sealed record DataProtectionCertificates(X509Certificate2 Current, IReadOnlyList<X509Certificate2> Previous)
{
    public const string Section = "DataProtection";

    public static DataProtectionCertificates? Load(IConfiguration configuration)
    {
        var current = LoadOne(configuration.GetSection($"{Section}:Certificate"));
        if (current is null)
        {
            return null;
        }

        var previous = configuration.GetSection($"{Section}:PreviousCertificates").GetChildren()
            .Select(LoadOne).OfType<X509Certificate2>().ToList();
        return new DataProtectionCertificates(current, previous);
    }

    private static X509Certificate2? LoadOne(IConfigurationSection section)
    {
        var path = section["Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var certificate = X509Certificate2.CreateFromPemFile(path, section["KeyPath"]);
        return certificate.GetRSAPrivateKey() is null
            ? throw new InvalidOperationException($"{section.Path} must be an RSA certificate with its private key (KeyPath).")
            : certificate;
    }
}
