using Wekeza;
using Wekeza.ServiceDefaults;
using Wekeza.ServiceDefaults.Messaging;
using Wekeza.Workers.Consents;
using Wekeza.Workers.Messaging;
using Wekeza.Workers.Outbox;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRabbitMQClient(ResourceNames.Messaging);
// The outbox lives in bankdb, written by the API in the same transactions as the changes it reports.
builder.AddNpgsqlDataSource(ResourceNames.BankDb);
builder.AddRedisClient(ResourceNames.Cache);
ConsentCacheRefresh.AddConsentCacheRefresh(builder.Services);

// Every event reaches the workers' queue; a type without a handler is dead-lettered, not dropped.
builder.AddEventConsumer(WorkerQueues.Events, "#");
builder.Services.AddHostedService<OutboxRelay>();

var app = builder.Build();
app.UseWekezaProblemDetails();
app.MapDefaultEndpoints();
app.MapGet("/", () => Results.Text("Wekeza.Workers: background processing. Health: /health", "text/plain"));
app.Run();
