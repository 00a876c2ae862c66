using Wekeza.Api.Features.Accounts;
using Wekeza.Consents;

namespace Wekeza.Api.Features.Consents;

internal static class ConsentServices
{
    /// <summary>The consent store and its shared cache, the gate account requests pass, and the expiry sweep.</summary>
    public static IHostApplicationBuilder AddConsents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConsentSnapshotCache>();
        builder.Services.AddScoped<ConsentStore>();
        builder.Services.AddScoped<ConsentGate>();
        builder.Services.AddHostedService<ConsentExpiry>();
        return builder;
    }
}
