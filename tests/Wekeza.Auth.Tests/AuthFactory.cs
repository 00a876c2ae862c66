using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Wekeza.Auth.Tests;

/// <summary>
/// The auth server in process, authdb and the cache point at hosts that do not exist:
/// the tested paths (discovery, keys, requests OpenIddict rejects before any lookup) never reach them. Development
/// by default, so OpenIddict's development certificates sign.
/// </summary>
public sealed class AuthFactory : WebApplicationFactory<Program>
{
    public string Environment { get; init; } = "Development";

    /// <summary>Settings a test may add before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["ConnectionStrings:authdb"] = "Host=authdb.invalid;Database=authdb",
        ["ConnectionStrings:cache"] = "cache.invalid:6379,connectTimeout=200,syncTimeout=200",
        ["Email:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "wekeza-auth-tests-mail"),
    };

    /// <summary>A client on https://localhost/: OpenIddict refuses plain HTTP, and derives its issuer from this.</summary>
    public HttpClient CreateHttpsClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
