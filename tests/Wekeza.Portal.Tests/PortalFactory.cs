using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Wekeza.Portal.Tests;

/// <summary>The whole portal in memory, wired as the AppHost wires it, but with no Redis behind it.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string ApiBaseUrl = "https://api.wekeza.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Nothing listens on port 1, so the connection is refused at once: the portal must still start and serve
        // pages, and readiness must say Redis is missing. Short timeouts, because the data protection key ring is
        // still read from this Redis once at start-up, and the readiness ping waits for it too.
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Cache}", "127.0.0.1:1,connectTimeout=500,syncTimeout=500,asyncTimeout=500");
        builder.UseSetting($"services:{ResourceNames.Api}:https:0", ApiBaseUrl);
        // Keys in memory instead of in the missing Redis.
        builder.ConfigureTestServices(services => services.AddDataProtection().UseEphemeralDataProtectionProvider());
    }

    public HttpClient CreateBrowserClient() => CreateBrowserClient(this);

    /// <summary>A client that asks for HTML as a browser does, for this factory or one derived from it.</summary>
    public static HttpClient CreateBrowserClient(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.test") });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return client;
    }
}
