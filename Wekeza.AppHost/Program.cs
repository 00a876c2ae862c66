using Wekeza;
using Wekeza.AppHost.Hosting;

// The Wekeza Open Platform app model: what runs, what each part is given, and what it waits for.
// Read it as you would an Aspire AppHost; Hosting/ is the small machinery that runs it (docs/architecture.md).
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres(ResourceNames.Postgres);
var authDb = postgres.AddDatabase(ResourceNames.AuthDb);
var bankDb = postgres.AddDatabase(ResourceNames.BankDb);
var cache = builder.AddRedis(ResourceNames.Cache);
var messaging = builder.AddRabbitMQ(ResourceNames.Messaging).WithManagementPlugin();

// Migrations run once, before the service, never raced by replicas.
var authMigrations = builder.AddProject<Projects.Wekeza_Auth>($"{ResourceNames.Auth}-migrations")
    .WithArgs("migrate")
    .WithReference(authDb)
    .WaitFor(authDb);

var auth = builder.AddProject<Projects.Wekeza_Auth>(ResourceNames.Auth)
    .WithHttpsEndpoint(port: 7101)
    .WithReference(authDb)
    .WithReference(cache)
    .WaitForCompletion(authMigrations)
    .WaitFor(cache);

var api = builder.AddProject<Projects.Wekeza_Api>(ResourceNames.Api)
    .WithHttpsEndpoint(port: 7102)
    .WithReference(bankDb)
    .WithReference(cache)
    .WithReference(auth)
    .WaitFor(bankDb)
    .WaitFor(cache)
    .WaitFor(auth);

builder.AddProject<Projects.Wekeza_Workers>(ResourceNames.Workers)
    .WithHttpsEndpoint(port: 7103)
    .WithReference(messaging)
    .WaitFor(messaging);

builder.AddProject<Projects.Wekeza_Portal>(ResourceNames.Portal)
    .WithHttpsEndpoint(port: 7100)
    .WithReference(cache)
    .WithReference(auth)
    .WithReference(api)
    .WaitFor(cache)
    .WaitFor(auth)
    .WaitFor(api);

await builder.Build().RunAsync();
