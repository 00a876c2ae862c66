using Wekeza;
using Wekeza.Banking.CoreBanking;
using Wekeza.Consents;
using Wekeza.ServiceDefaults;
using Wekeza.ServiceDefaults.Messaging;
using Wekeza.Workers.Consents;
using Wekeza.Workers.Messaging;
using Wekeza.Workers.Observability;
using Wekeza.Workers.Outbox;
using Wekeza.Workers.Payments;
using Wekeza.Workers.Usage;
using Wekeza.Workers.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRabbitMQClient(ResourceNames.Messaging);
// bankdb: the ledger and payments the workers process (EF Core, with bankdb's health check), and the outbox the
// relay publishes (plain Npgsql), written by the API and the workers in the same transactions as their changes.
builder.AddCoreBanking();
builder.AddNpgsqlDataSource(ResourceNames.BankDb, healthCheck: false);
builder.AddRedisClient(ResourceNames.Cache);
ConsentCacheRefresh.AddConsentCacheRefresh(builder.Services);
builder.AddPaymentProcessing();

// The event types the workers handle, and only those: an event nobody here handles is not theirs to dead-letter.
builder.AddEventConsumer(new EventSubscription(WorkerQueues.Events, [.. ConsentEvents.All, .. PaymentServices.EventTypes],
    builder.Configuration.GetValue<ushort?>("Workers:Concurrency") ?? 16));
builder.AddWebhookDelivery();
builder.Services.AddHostedService<OutboxRelay>();
builder.AddUsageRollups();
builder.AddWorkerMetrics();

var app = builder.Build();
// Now, not with the first payment: the gauges are on /metrics from the first scrape.
app.Services.GetRequiredService<WorkerMetrics>();
app.UseWekezaProblemDetails();
app.MapDefaultEndpoints();
app.MapGet("/", () => Results.Text("Wekeza.Workers: background processing. Health: /health", "text/plain"));
app.Run();
