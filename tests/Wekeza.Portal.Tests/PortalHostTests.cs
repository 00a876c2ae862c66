using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Client;
using Wekeza.Portal.Consents;

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

    [Theory]
    [InlineData("/apps")]
    [InlineData("/apps/new")]
    [InlineData("/getting-started")]
    [InlineData("/consents")]
    [InlineData("/consents/cns_0001")]
    [InlineData("/admin/consents")]
    public async Task Signed_in_pages_send_anonymous_visitors_to_sign_in_and_back(string path)
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://portal.test"),
            AllowAutoRedirect = false,
        });

        var response = await client.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"https://portal.test/account/login?returnUrl={Uri.EscapeDataString(path)}", response.Headers.Location?.AbsoluteUri);
    }

    [Fact]
    public void The_consents_client_calls_the_configured_api()
    {
        var http = portal.Services.GetRequiredService<IHttpClientFactory>().CreateClient(ConsentsClient.HttpClientName);

        Assert.Equal($"{PortalFactory.ApiBaseUrl}/", http.BaseAddress?.AbsoluteUri);
    }

    [Fact]
    public async Task Without_an_auth_server_sign_in_explains_that_it_is_unavailable()
    {
        using var client = portal.CreateBrowserClient();

        var response = await client.GetAsync("/account/login?returnUrl=%2Fapps", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sign-in is unavailable", await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task Signing_out_requires_an_antiforgery_token()
    {
        using var client = portal.CreateBrowserClient();

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task With_an_auth_server_configured_the_openiddict_client_is_valid_and_sign_in_is_offered()
    {
        await using var withAuth = portal.WithWebHostBuilder(builder =>
        {
            builder.UseSetting($"services:{ResourceNames.Auth}:https:0", "https://auth.wekeza.test:8443");
            builder.UseSetting("Portal:Auth:ClientSecret", "test-secret");
        });

        // Resolving the options runs OpenIddict's own validation (flows, keys, endpoints, registration).
        var options = withAuth.Services.GetRequiredService<IOptionsMonitor<OpenIddictClientOptions>>().CurrentValue;

        var registration = Assert.Single(options.Registrations);
        Assert.Equal("https://auth.wekeza.test:8443/", registration.Issuer?.AbsoluteUri);
        Assert.Equal("wekeza-portal", registration.ClientId);
        Assert.Equal(["openid", "profile", "email", "roles", "offline_access", "apps.manage", "consents.manage", "webhooks.manage", "sandbox.manage"], registration.Scopes);
        Assert.Equal(["S256"], registration.CodeChallengeMethods);
        using var client = PortalFactory.CreateBrowserClient(withAuth);
        var html = await client.GetStringAsync("/", Cancellation);
        Assert.Contains("Sign in", html);
        Assert.Contains("href=\"/apps\"", html);
    }
}
