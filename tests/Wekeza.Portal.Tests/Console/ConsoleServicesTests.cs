using Microsoft.Extensions.DependencyInjection;
using Wekeza.Portal.Console;

namespace Wekeza.Portal.Tests.Console;

public sealed class ConsoleServicesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(ConsoleAuthClient.HttpClientName)]
    [InlineData(ConsoleApiClient.HttpClientName)]
    public void The_consoles_clients_never_follow_redirects_nor_retry(string name)
    {
        using var handler = portal.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(name);

        var chain = new List<HttpMessageHandler>();
        for (HttpMessageHandler? current = handler; current is not null; current = (current as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(current);
        }

        Assert.False(Assert.IsType<HttpClientHandler>(chain[^1]).AllowAutoRedirect);
        Assert.DoesNotContain(chain, link => link.GetType().Name.Contains("Resilience", StringComparison.Ordinal));
    }

    [Fact]
    public void A_session_resolves_per_page_with_the_apis_address()
    {
        using var scope = portal.Services.CreateScope();

        Assert.NotSame(scope.ServiceProvider.GetRequiredService<ConsoleSession>(), scope.ServiceProvider.GetRequiredService<ConsoleSession>());
        var http = portal.Services.GetRequiredService<IHttpClientFactory>().CreateClient(ConsoleApiClient.HttpClientName);
        Assert.Equal(new Uri(PortalFactory.ApiBaseUrl + "/"), http.BaseAddress);
    }
}
