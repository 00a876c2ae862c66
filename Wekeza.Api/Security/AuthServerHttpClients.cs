using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.SystemNetHttp;
using Wekeza.ServiceDefaults.Tls;

namespace Wekeza.Api.Security;

/// <summary>
/// OpenIddict fetches auth's discovery document and JWKS through IHttpClientFactory clients named after its
/// assembly ("OpenIddict.Validation.SystemNetHttp[:…]"), so they get the service defaults (resilience, service
/// discovery). But OpenIddict requires an <see cref="HttpClientHandler"/> as the primary handler (it turns cookies
/// and automatic decompression off on it) and throws on the SocketsHttpHandler the defaults install for
/// LocalCaTrust. For OpenIddict's clients only, this puts an HttpClientHandler in its place that applies the same
/// trust rule: the machine's roots plus the local stack CA, host names still checked.
/// </summary>
/// <remarks>
/// Runs after the defaults (IHttpClientFactory applies them first) and, because it is registered before
/// <c>UseSystemNetHttp()</c>, before OpenIddict's own handler configuration inspects the primary handler.
/// </remarks>
internal sealed class AuthServerHttpClients(IConfiguration configuration) : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    private static readonly string OpenIddictClientName =
        typeof(OpenIddictValidationSystemNetHttpOptions).Assembly.GetName().Name!;

    private readonly Lazy<X509Certificate2?> _localCa = new(() =>
        configuration[LocalCaTrust.ConfigurationKey] is { Length: > 0 } path
            ? X509CertificateLoader.LoadCertificateFromFile(path)
            : null);

    public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, HttpClientFactoryOptions options)
    {
        if (name is null || !name.StartsWith(OpenIddictClientName, StringComparison.Ordinal))
        {
            return;
        }

        options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = CreateHandler());
    }

    private HttpClientHandler CreateHandler()
    {
        var handler = new HttpClientHandler();
        if (_localCa.Value is { } root)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                LocalCaTrust.IsTrusted(certificate, errors, root);
        }

        return handler;
    }
}

internal static class AuthServerHttpClientsRegistration
{
    public static IServiceCollection AddAuthServerHttpClients(this IServiceCollection services) =>
        services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>, AuthServerHttpClients>();
}
