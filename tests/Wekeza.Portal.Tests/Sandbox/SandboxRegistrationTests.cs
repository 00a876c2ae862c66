using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Wekeza.Portal.Sandbox;

namespace Wekeza.Portal.Tests.Sandbox;

public sealed class SandboxRegistrationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public void The_sandbox_clients_refusals_handler_sits_inside_the_resilience_handler()
    {
        var factory = portal.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        var handlers = new List<string>();
        for (var handler = factory.CreateHandler(SandboxClient.HttpClientName); handler is DelegatingHandler delegating; handler = delegating.InnerHandler)
        {
            handlers.Add(delegating.GetType().Name);
        }

        // Innermost of the two: a rule's 409 is neither retried nor counted by the circuit breaker.
        Assert.Contains(nameof(SandboxRefusals), handlers);
        Assert.True(handlers.IndexOf(nameof(SandboxRefusals)) > handlers.FindLastIndex(name => name.Contains("Resilience", StringComparison.Ordinal)),
            string.Join(" > ", handlers));
        Assert.Contains(handlers, name => name.Contains("Resilience", StringComparison.Ordinal));
    }
}
