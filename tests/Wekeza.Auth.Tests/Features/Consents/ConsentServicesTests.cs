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
        builder.AddConsents();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Contains(ConsentEvents.Consumed, ConsentEvents.Ended);
        Assert.Equal(ConsentEvents.Ended.Order(), services.GetServices<IEventHandler>().Select(handler => handler.EventType).Order());
        Assert.Equal(ConsentServices.Queue, ConsentServices.Subscription.Queue);
        Assert.Equal(ConsentEvents.Ended.Order(), ConsentServices.Subscription.BindingKeys.Order());
    }
}
