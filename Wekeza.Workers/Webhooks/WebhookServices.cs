using Wekeza.Banking.Webhooks;
using Wekeza.ServiceDefaults.Messaging;
using Wekeza.Webhooks;
using Wekeza.Workers.Messaging;

namespace Wekeza.Workers.Webhooks;

internal static class WebhookServices
{
    /// <summary>Fan-out of public events to apps' endpoints (queue <c>workers.webhooks</c>), the dispatcher, and the retention sweep.</summary>
    public static IHostApplicationBuilder AddWebhookDelivery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookPolicy>().BindConfiguration(WebhookPolicy.Section);
        builder.Services.AddSingleton<WebhookSecretProtector>();
        builder.Services.AddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<WebhookOutcomes>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        builder.Services.AddHostedService<WebhookEventSweeper>();
        foreach (var type in WebhookEventTypes.All)
        {
            builder.Services.AddSingleton<IEventHandler>(sp => ActivatorUtilities.CreateInstance<WebhookFanOut>(sp, type));
        }

        builder.AddEventConsumer(new EventSubscription(WorkerQueues.Webhooks, [.. WebhookEventTypes.All],
            builder.Configuration.GetValue<ushort?>("Webhooks:FanOutConcurrency") ?? 16));
        return builder;
    }
}
