using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Apps;

internal static class AppsServices
{
    public static IHostApplicationBuilder AddAppsClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OneTimeSecret>();
        // The apps API lives on auth, under the issuer. Without auth nobody signs in, so it is never called.
        builder.Services.AddPlatformApiClient<IAppsClient, AppsClient>(
            AppsClient.HttpClientName, new PlatformLinks(builder.Configuration).AuthIssuer);
        return builder;
    }
}
