using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Wekeza.Bench;

/// <summary>
/// Wekeza.Api in process with its token validation exactly as configured in Program.cs, pointed at the running auth
/// server: OpenIddict fetches the real discovery document and JWKS over HTTPS (trusting the local CA the way the
/// AppHost tells the API to). The database and cache point nowhere: validating a token touches neither.
/// </summary>
internal sealed class LiveAuthApiFactory(BenchEnvironment env) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:bankdb", "Host=bankdb.invalid;Database=bankdb");
        builder.UseSetting("ConnectionStrings:cache", "cache.invalid:6379,connectTimeout=200");
        builder.UseSetting("services:auth:https:0", env.Auth.AbsoluteUri.TrimEnd('/'));
        builder.UseSetting("Tls:TrustedCaPath", env.CaPath);
    }
}
