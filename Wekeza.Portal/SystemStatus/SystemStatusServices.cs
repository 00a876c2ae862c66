using Microsoft.Extensions.Http.Resilience;

namespace Wekeza.Portal.SystemStatus;

internal static class SystemStatusServices
{
    public static IHostApplicationBuilder AddSystemStatus(this IHostApplicationBuilder builder)
    {
#pragma warning disable EXTEXP0001 // Experimental, but the documented way to replace the defaults' handler.
        // No retries: a service that does not answer at once is what the page must show, not something to hide.
        builder.Services.AddHttpClient(SystemStatusSource.HttpClientName).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddScoped<ISystemStatusSource, SystemStatusSource>();
        return builder;
    }
}
