using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Usage;

internal static class UsageServices
{
    public static IHostApplicationBuilder AddUsageClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPlatformApiClient<IUsageClient, UsageClient>(UsageClient.HttpClientName, new PlatformLinks(builder.Configuration).ApiBase);
        return builder;
    }
}
