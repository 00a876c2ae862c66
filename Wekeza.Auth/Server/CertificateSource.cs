using System.Security.Cryptography.X509Certificates;

namespace Wekeza.Auth.Server;

/// <summary>Reads a certificate with its private key from a configuration section: Path, KeyPath, Password.</summary>
internal static class CertificateSource
{
    /// <returns>The certificate, or null when the section has no Path.</returns>
    public static X509Certificate2? Load(IConfigurationSection section)
    {
        var path = section["Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{section.Path}:Path points to '{path}', which does not exist.");
        }

        var keyPath = section["KeyPath"];
        var password = section["Password"];
        var certificate = IsPkcs12(path)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet)
            : string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);

        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException(
                $"The certificate at {section.Path}:Path has no private key; set {section.Path}:KeyPath to its PEM key.");
        }

        return certificate;
    }

    private static bool IsPkcs12(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12";
}
