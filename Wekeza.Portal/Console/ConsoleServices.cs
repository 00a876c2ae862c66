using Microsoft.Extensions.Http.Resilience;
using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Console;

internal static class ConsoleServices
{
    /// <summary>
    /// The try-it console: HTTP clients for auth and the API at their service-discovery addresses, which send each
    /// request exactly once and never follow a redirect (the console shows what the services answered, and reads the
    /// authorization endpoint's 302 itself), and a <see cref="ConsoleSession"/> per console page.
    /// </summary>
    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder)
    {
        var links = new PlatformLinks(builder.Configuration);
        AddClient<ConsoleAuthClient>(builder.Services, ConsoleAuthClient.HttpClientName, links.AuthIssuer);
        AddClient<ConsoleApiClient>(builder.Services, ConsoleApiClient.HttpClientName, links.ApiBase);
        builder.Services.AddTransient<ConsoleSession>();
        return builder;
    }

    private static void AddClient<TClient>(IServiceCollection services, string name, Uri? baseAddress)
        where TClient : class
    {
#pragma warning disable EXTEXP0001 // Experimental, but the documented way to replace the defaults' handler.
        services.AddHttpClient<TClient>(name, http =>
            {
                if (baseAddress is not null)
                {
                    http.BaseAddress = baseAddress;
                }

                // Above the sandbox's slow-response scenario (3 s), below a developer's patience.
                http.Timeout = TimeSpan.FromSeconds(30);
            })
            // After the defaults made the handler (the local CA's trust): only redirects are changed.
            .ConfigurePrimaryHttpMessageHandler((handler, _) =>
            {
                switch (handler)
                {
                    case HttpClientHandler clientHandler:
                        clientHandler.AllowAutoRedirect = false;
                        break;
                    case SocketsHttpHandler socketsHandler:
                        socketsHandler.AllowAutoRedirect = false;
                        break;
                }
            })
            // A console shows one request's answer: no retries (a retried 500 or 429 would hide the scenario being tried,
            // and a retried POST could pay twice), no hedging.
            .RemoveAllResilienceHandlers()
            // Authorization headers carry the secret (Basic) and tokens (Bearer): no header value reaches a log.
            .RedactLoggedHeaders(_ => true);
#pragma warning restore EXTEXP0001
    }
}
