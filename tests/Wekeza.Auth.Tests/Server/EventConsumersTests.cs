using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wekeza.Auth.Features.Apps;
using Wekeza.Auth.Features.Consents;
using Wekeza.Auth.Server;
using Wekeza.ServiceDefaults.Messaging;
using Wekeza.Webhooks;

namespace Wekeza.Auth.Tests.Server;

public sealed class EventConsumersTests
{
    [Fact]
    public async Task Consent_events_and_app_events_each_have_their_own_queue()
    {
        await using var services = Build(withBroker: true);

        var subscriptions = services.GetServices<EventSubscription>().ToDictionary(subscription => subscription.Queue);
        Assert.Equal(["auth.app-events", "auth.consent-events"], subscriptions.Keys.Order());
        Assert.Equal([WebhookEndpointEvents.Disabled], subscriptions[AppEventServices.Queue].BindingKeys);
        Assert.DoesNotContain(WebhookEndpointEvents.Disabled, subscriptions[ConsentServices.Queue].BindingKeys);
    }

    [Fact]
    public async Task Every_event_auth_binds_has_one_handler_and_every_handler_is_bound()
    {
        // A bound type without a handler is dead-lettered on arrival; a handler whose type is not bound never runs.
        await using var services = Build(withBroker: true);

        var bound = services.GetServices<EventSubscription>().SelectMany(subscription => subscription.BindingKeys).ToList();
        var handled = services.GetServices<IEventHandler>().Select(handler => handler.EventType).ToList();
        Assert.Equal(bound.Distinct().Count(), bound.Count);
        Assert.Equal(bound.Order(), handled.Order());
    }

    [Fact]
    public async Task Without_a_broker_nothing_is_consumed()
    {
        await using var services = Build(withBroker: false);

        Assert.Empty(services.GetServices<EventSubscription>());
    }

    [Fact]
    public async Task Each_queue_has_its_own_consumer()
    {
        await using var services = Build(withBroker: true);

        // Building the consumers connects to nothing: they connect when the host starts them.
        var consumers = services.GetServices<IHostedService>().Where(service => service.GetType().Name == "EventConsumer");
        Assert.Equal(2, consumers.Count());
    }

    private static ServiceProvider Build(bool withBroker)
    {
        var builder = Host.CreateApplicationBuilder();
        if (withBroker)
        {
            // Registration only: nothing here connects to the broker.
            builder.Configuration[$"ConnectionStrings:{ResourceNames.Messaging}"] = "amqp://guest:guest@messaging.invalid:5672";
        }

        builder.AddConsents();
        builder.AddAppEvents();
        builder.AddEventConsumers();
        return builder.Services.BuildServiceProvider();
    }
}
