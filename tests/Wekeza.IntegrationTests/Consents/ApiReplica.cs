extern alias api;

using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Wekeza.IntegrationTests.Consents;

/// <summary>
/// A second Wekeza.Api replica beside the stack's own: the real Program.cs in process, on the stack's bankdb and Redis,
/// validating tokens against the stack's auth (discovery and JWKS over HTTPS, trusting the stack's CA).
/// <paramref name="settings"/> are set after the stack's (a test's own limits, say).
/// </summary>
public sealed class ApiReplica(PlatformFixture platform, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<api::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:bankdb", platform.App.GetConnectionString("bankdb"));
        builder.UseSetting("ConnectionStrings:cache", platform.App.GetConnectionString("cache"));
        builder.UseSetting("services:auth:https:0", platform.App.GetEndpoint("auth"));
        builder.UseSetting("Tls:TrustedCaPath", platform.App.Certificates!.CaCertificatePath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient As(string accessToken)
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }
}
