using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Webhooks;

internal static class WebhooksServices
{
    public static IHostApplicationBuilder AddWebhooksClient(this IHostApplicationBuilder builder)
    {
        // The webhooks API lives on the bank API, beside consents.
        builder.Services.AddPlatformApiClient<IWebhooksClient, WebhooksClient>(
            WebhooksClient.HttpClientName, new PlatformLinks(builder.Configuration).ApiBase);
        return builder;
    }
}
