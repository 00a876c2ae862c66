using Wekeza;
using Wekeza.ServiceDefaults;
using Wekeza.Workers.Messaging;
using Wekeza.Workers.Outbox;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRabbitMQClient(ResourceNames.Messaging);
// The outbox lives in bankdb, written by the API in the same transactions as the changes it reports.
builder.AddNpgsqlDataSource(ResourceNames.BankDb);

builder.Services.AddSingleton<MessagingTopology>();
builder.Services.AddSingleton<IEventHandlerRegistry, EventHandlerRegistry>();
builder.Services.AddHostedService<EventConsumer>();
builder.Services.AddHostedService<OutboxRelay>();
builder.Services.AddHealthChecks().AddCheck<TopologyHealthCheck>("messaging-topology", tags: ["ready", "rabbitmq"]);

var app = builder.Build();
app.UseWekezaProblemDetails();
app.MapDefaultEndpoints();
app.MapGet("/", () => Results.Text("Wekeza.Workers: background processing. Health: /health", "text/plain"));
app.Run();
