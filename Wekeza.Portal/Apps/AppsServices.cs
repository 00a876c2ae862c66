using Microsoft.Extensions.Http.Resilience;
using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Apps;

internal static class AppsServices
{
    public static IHostApplicationBuilder AddAppsClient(this IHostApplicationBuilder builder)
    {
        var issuer = new PlatformLinks(builder.Configuration).AuthIssuer;
        builder.Services.AddScoped<OneTimeSecret>();
#pragma warning disable EXTEXP0001 // Experimental, but the documented way to replace the defaults' handler.
        builder.Services.AddHttpClient<IAppsClient, AppsClient>(AppsClient.HttpClientName, http =>
            {
                // The apps API lives on auth, under the issuer. Without auth nobody signs in, so it is never called.
                if (issuer is not null)
                {
                    http.BaseAddress = issuer;
                }
            })
            .RemoveAllResilienceHandlers()
            // Creating an app or rotating a secret twice because a response was lost is worse than a failed attempt
            // the developer can retry: only safe methods are retried.
            .AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
#pragma warning restore EXTEXP0001
        return builder;
    }
}
