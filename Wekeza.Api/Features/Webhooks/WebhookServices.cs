using Wekeza.Api.Features.Shared;
using Wekeza.Api.Security;
using Wekeza.Banking.Webhooks;

namespace Wekeza.Api.Features.Webhooks;

internal static class WebhookServices
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookPolicy>().BindConfiguration(WebhookPolicy.Section);
        builder.Services.AddSingleton<WebhookSecretProtector>();
        builder.Services.AddSingleton<HostResolver>();
        builder.Services.AddMemoryCache();
        builder.Services.AddHttpClient<AppOwnership>(AppOwnership.HttpClientName, http =>
        {
            http.BaseAddress = TokenValidation.ResolveIssuer(builder.Configuration);
            http.Timeout = TimeSpan.FromSeconds(5);
        });
        return builder;
    }
}
