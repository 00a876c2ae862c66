using Microsoft.Extensions.Http.Resilience;

namespace Wekeza.Portal.Platform;

internal static class PlatformApiServices
{
    /// <summary>
    /// A typed client for one of the platform's APIs at <paramref name="baseAddress"/>; without one (the service is not
    /// configured) the client answers every call with its "unreachable" message.
    /// </summary>
    public static IServiceCollection AddPlatformApiClient<TClient, TImplementation>(
        this IServiceCollection services, string name, Uri? baseAddress)
        where TClient : class
        where TImplementation : class, TClient
    {
#pragma warning disable EXTEXP0001 // Experimental, but the documented way to replace the defaults' handler.
        services.AddHttpClient<TClient, TImplementation>(name, http =>
            {
                if (baseAddress is not null)
                {
                    http.BaseAddress = baseAddress;
                }
            })
            .RemoveAllResilienceHandlers()
            // Creating an app, rotating a secret or revoking a consent twice because a response was lost is worse than
            // a failed attempt the person can retry: only safe methods are retried.
            .AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
#pragma warning restore EXTEXP0001
        return services;
    }
}
