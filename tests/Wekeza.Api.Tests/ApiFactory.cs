using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Validation;

namespace Wekeza.Api.Tests;

/// <summary>
/// The API in process. Its dependencies point at hosts that do not exist (the tested paths never reach them), and
/// instead of fetching the auth server's keys over HTTP, token validation is handed a test key up front, so tests
/// can mint the tokens a real client would present.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string Issuer = "https://auth.wekeza.test/";

    public RsaSecurityKey SigningKey { get; } = new(RSA.Create(2048)) { KeyId = "test-key" };

    /// <summary>Settings a test may add before the first request (e.g. Tls:TrustedCaPath).</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["ConnectionStrings:bankdb"] = "Host=bankdb.invalid;Database=bankdb",
        ["ConnectionStrings:cache"] = "cache.invalid:6379,connectTimeout=200",
        ["services:auth:https:0"] = Issuer.TrimEnd('/'),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.Configure<OpenIddictValidationOptions>(options => options.Configuration = new OpenIddictConfiguration
            {
                Issuer = new Uri(Issuer),
                SigningKeys = { SigningKey },
            });
            // Lets the tests reach a route that throws, behind the app's own middleware.
            services.AddSingleton<IStartupFilter, ThrowingRouteStartupFilter>();
        });
    }
}
