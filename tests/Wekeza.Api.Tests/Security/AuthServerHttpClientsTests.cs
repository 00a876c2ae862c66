using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Validation.SystemNetHttp;

namespace Wekeza.Api.Tests.Security;

/// <summary>
/// The client OpenIddict uses to fetch the auth server's discovery document and keys must trust the local stack CA
/// (Tls:TrustedCaPath), as every other outgoing client does, and still be the HttpClientHandler OpenIddict demands.
/// </summary>
public sealed class AuthServerHttpClientsTests : IDisposable
{
    private const string OpenIddictClientName = "OpenIddict.Validation.SystemNetHttp";

    private readonly string _caPath = Path.Combine(Path.GetTempPath(), $"wekeza-test-ca-{Guid.NewGuid():N}.crt");
    private readonly X509Certificate2 _ca;
    private readonly ApiFactory _factory = new();

    public AuthServerHttpClientsTests()
    {
        _ca = CreateCa("Wekeza Test Local CA");
        File.WriteAllText(_caPath, _ca.ExportCertificatePem());
        _factory.Settings["Tls:TrustedCaPath"] = _caPath;
    }

    [Fact]
    public void OpenIddicts_client_is_an_HttpClientHandler_that_trusts_the_local_ca_and_nothing_else()
    {
        // OpenIddict builds its handlers inside an ambient context describing the client it is creating.
        OpenIddictValidationSystemNetHttpContext.Current = new OpenIddictValidationSystemNetHttpContext();
        var handlers = _factory.Services.GetRequiredService<IHttpMessageHandlerFactory>();
        var handler = PrimaryHandler(handlers.CreateHandler(OpenIddictClientName));
        OpenIddictValidationSystemNetHttpContext.Current = null;

        var primary = Assert.IsType<HttpClientHandler>(handler);
        Assert.False(primary.UseCookies); // OpenIddict's own settings were applied to it too.
        var validate = primary.ServerCertificateCustomValidationCallback;
        Assert.NotNull(validate);

        using var issuedByLocalCa = Issue(_ca, "localhost");
        using var stranger = CreateCa("Somebody Else");
        using var issuedByStranger = Issue(stranger, "localhost");
        using var request = new HttpRequestMessage();
        Assert.True(validate(request, issuedByLocalCa, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validate(request, issuedByStranger, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validate(request, issuedByLocalCa, null, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    public void Dispose()
    {
        _factory.Dispose();
        _ca.Dispose();
        File.Delete(_caPath);
    }

    private static HttpMessageHandler PrimaryHandler(HttpMessageHandler handler)
    {
        while (handler is DelegatingHandler { InnerHandler: { } inner })
        {
            handler = inner;
        }

        return handler;
    }

    private static X509Certificate2 CreateCa(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        return request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));
    }
}
