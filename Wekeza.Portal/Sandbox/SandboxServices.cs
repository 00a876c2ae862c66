using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Sandbox;

internal static class SandboxServices
{
    public static IHostApplicationBuilder AddSandboxClient(this IHostApplicationBuilder builder)
    {
        // The sandbox controls live on the bank API, beside webhooks.
        builder.Services.AddPlatformApiClient<ISandboxClient, SandboxClient>(
            SandboxClient.HttpClientName, new PlatformLinks(builder.Configuration).ApiBase);
        // After the resilience handler, so a rule's refusal is neither retried nor counted as a failure.
        builder.Services.AddTransient<SandboxRefusals>();
        builder.Services.AddHttpClient(SandboxClient.HttpClientName).AddHttpMessageHandler<SandboxRefusals>();
        return builder;
    }
}
