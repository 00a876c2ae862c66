using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wekeza.Auth.Features.Consents;
using Wekeza.Consents;
using Wekeza.ServiceDefaults.Messaging;

namespace Wekeza.Auth.Tests.Features.Consents;

public sealed class ConsentServicesTests
{
    [Fact]
    public void Every_ending_of_a_consent_revokes_its_tokens_a_consumed_payment_consent_included()
    {
        var builder = Host.CreateApplicationBuilder();
        // Registration only: nothing here connects to the broker.
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Messaging}"] = "amqp://guest:guest@messaging.invalid:5672";
        builder.AddConsents();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Contains(ConsentEvents.Consumed, ConsentEvents.Ended);
        Assert.Equal(ConsentEvents.Ended.Order(), services.GetServices<IEventHandler>().Select(handler => handler.EventType).Order());
        var subscription = services.GetRequiredService<EventSubscription>();
        Assert.Equal(ConsentServices.Queue, subscription.Queue);
        Assert.Equal(ConsentEvents.Ended.Order(), subscription.BindingKeys.Order());
    }
}
