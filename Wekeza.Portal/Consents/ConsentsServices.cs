using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Consents;

internal static class ConsentsServices
{
    public static IHostApplicationBuilder AddConsentsClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPlatformApiClient<IConsentsClient, ConsentsClient>(
            ConsentsClient.HttpClientName, new PlatformLinks(builder.Configuration).ApiBase);
        return builder;
    }
}
