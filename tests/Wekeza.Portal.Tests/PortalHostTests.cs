using System.Net;
using System.Text.Json;

namespace Wekeza.Portal.Tests;

public sealed class PortalHostTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Landing_page_is_served_with_its_title_headline_and_navigation()
    {
        using var client = portal.CreateBrowserClient();

        var response = await client.GetAsync("/", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("<title>Wekeza Open Platform</title>", html);
        Assert.Contains("Build on Wekeza", html);
        Assert.Contains($"href=\"{PortalFactory.ApiBaseUrl}/docs\"", html);
    }

    [Fact]
    public async Task Unknown_url_answers_404_with_the_friendly_not_found_page()
    {
        using var client = portal.CreateBrowserClient();

        var response = await client.GetAsync("/no/such/page", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("We couldn&#x27;t find that page", html);
        Assert.Contains("Wekeza Open Platform", html);
    }

    [Fact]
    public async Task MudBlazor_styles_are_served()
    {
        using var client = portal.CreateBrowserClient();

        var response = await client.GetAsync("/_content/MudBlazor/MudBlazor.min.css", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Readiness_checks_redis()
    {
        using var client = portal.CreateClient();

        var response = await client.GetAsync("/health", Cancellation);

        // No Redis in this test, so the portal is alive but not ready.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        var cache = body.RootElement.GetProperty("checks").GetProperty(ResourceNames.Cache);
        Assert.Equal("Unhealthy", cache.GetProperty("status").GetString());
    }
}
