using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Wekeza.Bench;

/// <summary>
/// Where the running local stack is: the URLs in .wekeza/endpoints.json (written by the AppHost) and the local CA that
/// signs its HTTPS. Command-line options override the URLs, so the benches can also point at another deployment.
/// </summary>
internal sealed record BenchEnvironment(string RepositoryRoot, Uri Auth, Uri Api, Uri Portal, string CaPath)
{
    public string MailDirectory => Path.Combine(RepositoryRoot, ".wekeza", "mail");

    public string SecretsPath => Path.Combine(RepositoryRoot, ".wekeza", "secrets.json");

    /// <summary>
    /// An Npgsql connection string for one of the stack's databases (<c>bankdb</c>, <c>authdb</c>): its address from
    /// endpoints.json, the password the AppHost made for PostgreSQL from secrets.json. For benches that seed data.
    /// </summary>
    public string ConnectionString(string database)
    {
        var address = ResourceAddress(database);
        using var secrets = JsonDocument.Parse(File.ReadAllText(SecretsPath));
        var password = secrets.RootElement.GetProperty("postgres-password").GetString();
        return $"Host={address.Host};Port={address.Port};Username=postgres;Password={password};Database={database}";
    }

    /// <summary>A StackExchange.Redis configuration for the stack's Redis (<c>cache</c> in endpoints.json), with its password.</summary>
    public string RedisConnectionString()
    {
        var address = ResourceAddress("cache");
        using var secrets = JsonDocument.Parse(File.ReadAllText(SecretsPath));
        var password = secrets.RootElement.GetProperty("cache-password").GetString();
        return $"{address.Host}:{address.Port},password={password}";
    }

    private Uri ResourceAddress(string resource)
    {
        using var endpoints = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, ".wekeza", "endpoints.json")));
        return endpoints.RootElement.TryGetProperty(resource, out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var address)
            ? address
            : throw new BenchException($"endpoints.json has no address for {resource}.");
    }

    public static BenchEnvironment Discover(BenchOptions options)
    {
        var root = FindRepositoryRoot(Environment.CurrentDirectory) ?? FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new BenchException("No .wekeza/endpoints.json found above this folder: start the stack with `dotnet run --project Wekeza.AppHost` first.");
        using var endpoints = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, ".wekeza", "endpoints.json")));

        Uri Url(string option, string resource) =>
            new((options.Get(option) ?? endpoints.RootElement.GetProperty(resource).GetString()!).TrimEnd('/') + "/");

        var ca = options.Get("ca") ?? Path.Combine(root, ".wekeza", "certs", "wekeza-local-ca.crt");
        return new BenchEnvironment(root, Url("auth", "auth"), Url("api", "api"), Url("portal", "portal"), ca);
    }

    /// <summary>
    /// HTTPS that trusts the local CA and nothing else (it is name-constrained to the local stack); the host name is
    /// still checked. Keep-alive, no connection limit, so each worker keeps its own connection. A bench that serves HTTPS
    /// itself passes its own <paramref name="trustedRoot"/> instead.
    /// </summary>
    public SocketsHttpHandler CreateHandler(CookieContainer? cookies = null, X509Certificate2? trustedRoot = null)
    {
        var root = trustedRoot ?? X509CertificateLoader.LoadCertificateFromFile(CaPath);
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(root);

        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            UseProxy = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ".wekeza", "endpoints.json")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}

/// <summary>A failure the bench explains in one line, without a stack trace.</summary>
internal sealed class BenchException(string message) : Exception(message);
