using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Wekeza.ServiceDefaults.Tls;

/// <summary>
/// Outgoing HTTPS that trusts the machine's roots and, when <c>Tls:TrustedCaPath</c> is set, one extra root: the
/// local stack's own CA (see .wekeza/certs). Nothing else is relaxed: a name mismatch or an expired certificate
/// still fails.
/// </summary>
public static class LocalCaTrust
{
    public const string ConfigurationKey = "Tls:TrustedCaPath";

    public static HttpMessageHandler CreateHandler(IConfiguration configuration) =>
        CreateHandler(configuration[ConfigurationKey]);

    /// <remarks>
    /// An <see cref="HttpClientHandler"/> rather than a SocketsHttpHandler (which it wraps on Linux): OpenIddict's
    /// System.Net.Http clients, built from these defaults, accept no other primary handler.
    /// </remarks>
    public static HttpClientHandler CreateHandler(string? trustedCaPath)
    {
        var handler = new HttpClientHandler();
        if (!string.IsNullOrWhiteSpace(trustedCaPath))
        {
            var root = X509CertificateLoader.LoadCertificateFromFile(trustedCaPath);
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                IsTrusted(certificate, errors, root);
        }

        return handler;
    }

    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 extraRoot)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only an untrusted chain may be rescued by the extra root; a wrong host name never is.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(extraRoot);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
