using Wekeza.Portal.Platform;
using Wekeza.ServiceDefaults.Apps;

namespace Wekeza.Portal.GoLive;

internal static class GoLiveServices
{
    public static IHostApplicationBuilder AddGoLiveClients(this IHostApplicationBuilder builder)
    {
        var links = new PlatformLinks(builder.Configuration);
        // Production requests live on auth, beside the apps; the readiness report is the API's.
        builder.Services.AddPlatformApiClient<IGoLiveClient, GoLiveClient>(GoLiveClient.HttpClientName, links.AuthIssuer);
        builder.Services.AddPlatformApiClient<IReadinessClient, ReadinessClient>(ReadinessClient.HttpClientName, links.ApiBase);
        return builder;
    }
}
