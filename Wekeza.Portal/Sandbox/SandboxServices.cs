using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Sandbox;

internal static class SandboxServices
{
    public static IHostApplicationBuilder AddSandboxClient(this IHostApplicationBuilder builder)
    {
        // The sandbox controls live on the bank API, beside webhooks.
        builder.Services.AddPlatformApiClient<ISandboxClient, SandboxClient>(
            SandboxClient.HttpClientName, new PlatformLinks(builder.Configuration).ApiBase);
        return builder;
    }
}
