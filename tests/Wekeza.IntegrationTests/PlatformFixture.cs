using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.CoreBanking;
using Wekeza.AppHost.Hosting;
using Wekeza.AppHost.Hosting.Testing;
using Wekeza.ServiceDefaults.Tls;

[assembly: AssemblyFixture(typeof(Wekeza.IntegrationTests.PlatformFixture))]
// One stack for the whole run, and tests that restart stacks of their own: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Wekeza.IntegrationTests;

/// <summary>The whole app model, started once per test run through the AppHost, torn down at the end.</summary>
public class PlatformFixture : IAsyncLifetime
{
    private DistributedApplicationTestHost? _host;

    public DistributedApplication App => _host?.Application ?? throw new InvalidOperationException("Not started.");

    public string DataDirectory => _host!.DataDirectory;

    /// <summary>
    /// The sandbox webhook policy the stack runs with in the tests: the documented schedule compressed further, so
    /// retries, exhaustion and disabling happen within a test's patience (docs/webhooks.md has the real one).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> WebhookSettings = new Dictionary<string, string>
    {
        ["Webhooks__SandboxRetrySchedule"] = "1s, 2s, 2s",
        ["Webhooks__Timeout"] = "00:00:02",
        ["Webhooks__SandboxDisableAfter"] = "00:00:20",
    };

    /// <summary>
    /// Auth's per-IP limits for the run. Every test signs in from 127.0.0.1, so the whole suite is one client address:
    /// the documented limits (60 sign-ins a minute) would throttle the suite rather than an attacker. Auth.Tests prove
    /// the limits themselves.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> AuthSettings = new Dictionary<string, string>
    {
        ["RateLimits__Auth__SignIn__PermitsPerMinute"] = "100000",
        ["RateLimits__Auth__Register__PermitsPerMinute"] = "100000",
        ["RateLimits__Auth__Token__PermitsPerMinute"] = "100000",
    };

    public async ValueTask InitializeAsync() =>
        _host = await DistributedApplicationTestHost.StartAsync(TimeSpan.FromMinutes(5),
        [
            .. WebhookSettings.SelectMany(setting => new[] { "api", "workers" }.Select(resource => Setting(resource, setting))),
            .. AuthSettings.Select(setting => Setting("auth", setting)),
            .. ExtraArguments,
        ]);

    /// <summary>More AppHost arguments, for a stack shaped differently (<see cref="ReplicatedPlatformFixture"/>).</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    private static string Setting(string resource, KeyValuePair<string, string> setting) =>
        $"--AppHost:Settings:{resource}:{setting.Key}={setting.Value}";

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>An HTTPS client for a service that trusts the stack's CA, as a developer who followed the README would.</summary>
    public HttpClient CreateClient(string resourceName)
    {
        var client = new HttpClient(LocalCaTrust.CreateHandler(App.Certificates!.CaCertificatePath))
        {
            BaseAddress = new Uri(App.GetEndpoint(resourceName)),
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>The stack's real bankdb, as the API's own context sees it (with the same retrying execution strategy).</summary>
    public BankDbContext BankDb() => new(new DbContextOptionsBuilder<BankDbContext>()
        .UseNpgsql(App.GetConnectionString("bankdb"), npgsql => npgsql.EnableRetryOnFailure()).Options);
}
