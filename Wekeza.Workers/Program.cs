using Wekeza;
using Wekeza.ServiceDefaults;
using Wekeza.Workers.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRabbitMQClient(ResourceNames.Messaging);

builder.Services.AddSingleton<MessagingTopology>();
builder.Services.AddSingleton<IEventHandlerRegistry, EventHandlerRegistry>();
builder.Services.AddHostedService<EventConsumer>();
builder.Services.AddHealthChecks().AddCheck<TopologyHealthCheck>("messaging-topology", tags: ["ready", "rabbitmq"]);

var app = builder.Build();
app.UseWekezaProblemDetails();
app.MapDefaultEndpoints();
app.MapGet("/", () => Results.Text("Wekeza.Workers: background processing. Health: /health", "text/plain"));
app.Run();
