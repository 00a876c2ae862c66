using System.Security.Cryptography.X509Certificates;
using Wekeza;
using Wekeza.AppHost.Hosting;
using Wekeza.AppHost.Hosting.Certificates;

// The Wekeza Open Platform app model: what runs, what each part is given, and what it waits for.
// Read it as you would an Aspire AppHost; Hosting/ is the small machinery that runs it (docs/architecture.md).
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres(ResourceNames.Postgres);
var authDb = postgres.AddDatabase(ResourceNames.AuthDb);
var bankDb = postgres.AddDatabase(ResourceNames.BankDb);
var cache = builder.AddRedis(ResourceNames.Cache);
var messaging = builder.AddRabbitMQ(ResourceNames.Messaging).WithManagementPlugin();

// The local stack's administrator (README "Local accounts"). Parameters, as in Aspire: override them with
// Parameters__admin-email / Parameters__admin-password. The auth service itself has no default admin.
var adminEmail = builder.Configuration["Parameters:admin-email"] ?? "admin@wekeza.local";
var adminPassword = builder.Configuration["Parameters:admin-password"] ?? "Kilimanjaro-Sunrise-2026";

// Migrations and seeding (roles, scopes, the portal's client, the administrator) run once, before the service,
// never raced by replicas.
var authMigrations = builder.AddProject<Projects.Wekeza_Auth>($"{ResourceNames.Auth}-migrations")
    .WithArgs("migrate")
    .WithReference(authDb)
    .WithEnvironment("Auth__Admin__Email", adminEmail)
    .WithEnvironment("Auth__Admin__Password", adminPassword)
    .WithEnvironment("Auth__SeedTestCustomers", "true")
    .WaitFor(authDb);

var auth = builder.AddProject<Projects.Wekeza_Auth>(ResourceNames.Auth)
    .WithHttpsEndpoint(port: 7101)
    .WithReference(authDb)
    .WithReference(cache)
    // consent.revoked events revoke the consent's refresh tokens.
    .WithReference(messaging)
    // The consent screen reads consents and records decisions at the API, as auth's own service client.
    .WithEnvironment("Auth__Clients__Service__ClientSecret", context => context.Secrets.Get("auth-service-client-secret"))
    .WithTokenCertificates()
    .WithDataProtectionCertificate()
    // Every email the local stack sends is a file under .wekeza/mail (docs/sandbox.md): no SMTP server needed.
    .WithEnvironment("Email__PickupDirectory", context => Path.Combine(context.Options.DataDirectory, "mail"))
    .WaitForCompletion(authMigrations)
    .WaitFor(cache)
    .WaitFor(messaging);

// bankdb's migrations and the sandbox bank (test customers' accounts and a year of history), once.
var apiMigrations = builder.AddProject<Projects.Wekeza_Api>($"{ResourceNames.Api}-migrations")
    .WithArgs("migrate")
    .WithReference(bankDb)
    .WithEnvironment("Bank__SeedSandbox", "true")
    .WaitFor(bankDb);

var api = builder.AddProject<Projects.Wekeza_Api>(ResourceNames.Api)
    .WithHttpsEndpoint(port: 7102)
    .WithReference(bankDb)
    .WithReference(cache)
    .WithReference(auth)
    // Webhook signing secrets are stored encrypted with this key; the workers decrypt them to sign deliveries.
    .WithEnvironment("Webhooks__SecretKey", context => context.Secrets.Get("webhook-secret-key"))
    .WaitForCompletion(apiMigrations)
    .WaitFor(cache)
    .WaitFor(auth);

var workers = builder.AddProject<Projects.Wekeza_Workers>(ResourceNames.Workers)
    .WithHttpsEndpoint(port: 7103)
    .WithReference(messaging)
    .WithReference(bankDb)
    // Consent events keep the API's consent cache right even when the API's own write to it was lost.
    .WithReference(cache)
    .WithEnvironment("Webhooks__SecretKey", context => context.Secrets.Get("webhook-secret-key"))
    .WaitFor(messaging)
    .WaitFor(cache)
    .WaitForCompletion(apiMigrations);

var portal = builder.AddProject<Projects.Wekeza_Portal>(ResourceNames.Portal)
    .WithHttpsEndpoint(port: 7100)
    .WithReference(cache)
    .WithReference(auth)
    .WithReference(api)
    .WithEnvironment("Portal__Auth__ClientSecret", context => context.Secrets.Get("portal-client-secret"))
    .WithDataProtectionCertificate()
    .WaitFor(cache)
    .WaitFor(auth)
    .WaitFor(api);

// Auth calls the API (its consent screen) at the API's address, and its own token endpoint at its own.
auth.WithReference(api)
    .WithEnvironment("Auth__Issuer", _ => auth.Resource.Url + "/")
    // Emails to developers (an endpoint disabled) link to their app in the portal.
    .WithEnvironment("Auth__Clients__Portal__BaseUrl", _ => portal.Resource.Url + "/");
authMigrations.WithEnvironment("Auth__Clients__Service__ClientSecret", context => context.Secrets.Get("auth-service-client-secret"));

// The portal signs in at auth as a confidential client that the migrate step registers from these settings.
authMigrations.WithEnvironment("Auth__Clients__Portal__ClientSecret", context => context.Secrets.Get("portal-client-secret"))
    .WithEnvironment("Auth__Clients__Portal__BaseUrl", _ => portal.Resource.Url + "/");

// Every problem+json's type opens its code's entry in the error catalog the portal serves (docs/errors.md).
foreach (var service in new[] { auth, api, workers, portal })
{
    service.WithEnvironment("Problems__CatalogBaseUrl", _ => portal.Resource.Url);
}

// Metrics: every service's /metrics, the platform's graphs and alert rules (observability/prometheus, docs/observability.md).
var prometheus = builder.AddPrometheus(ResourceNames.Prometheus)
    .WithScrapeTargets(auth, api, workers, portal);

// The portal's System status page for administrators: each service's /health, and Prometheus' figures and alerts.
portal.WithReference(workers)
    .WithReference(prometheus);

await builder.Build().RunAsync();

internal static class AuthResourceExtensions
{
    /// <summary>Token signing and encryption keys under the data folder, so issued tokens survive restarts.</summary>
    public static ResourceBuilder<Wekeza.AppHost.Hosting.Resources.ProjectResource> WithTokenCertificates(
        this ResourceBuilder<Wekeza.AppHost.Hosting.Resources.ProjectResource> builder)
    {
        foreach (var (purpose, usage) in new[] { ("Signing", X509KeyUsageFlags.DigitalSignature), ("Encryption", X509KeyUsageFlags.KeyEncipherment) })
        {
            var name = $"auth-{purpose.ToLowerInvariant()}";
            builder.WithEnvironment($"Auth__Certificates__{purpose}__Path",
                context => KeyCertificates.Ensure(context.Options.CertificatesDirectory, name, usage).Certificate);
            builder.WithEnvironment($"Auth__Certificates__{purpose}__KeyPath",
                context => KeyCertificates.Ensure(context.Options.CertificatesDirectory, name, usage).Key);
        }

        return builder;
    }

    /// <summary>The certificate that encrypts the service's Data Protection keys in Redis.</summary>
    public static ResourceBuilder<Wekeza.AppHost.Hosting.Resources.ProjectResource> WithDataProtectionCertificate(
        this ResourceBuilder<Wekeza.AppHost.Hosting.Resources.ProjectResource> builder) => builder
        .WithEnvironment("DataProtection__Certificate__Path",
            context => KeyCertificates.Ensure(context.Options.CertificatesDirectory, "data-protection", X509KeyUsageFlags.KeyEncipherment).Certificate)
        .WithEnvironment("DataProtection__Certificate__KeyPath",
            context => KeyCertificates.Ensure(context.Options.CertificatesDirectory, "data-protection", X509KeyUsageFlags.KeyEncipherment).Key);
}
