using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Wekeza.Portal.Components.Layout;
using Wekeza.Portal.Platform;

namespace Wekeza.Portal.Tests;

/// <summary>A bUnit context with what the portal's components need: MudBlazor, platform links and theme storage.</summary>
public abstract class PortalTestContext : BunitContext
{
    public const string ApiBaseUrl = "https://api.wekeza.test:7443";
    public const string AuthBaseUrl = "https://auth.wekeza.test:8443";

    protected PortalTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<ThemePreference>();
        UsePlatformConfiguration(new Dictionary<string, string?>
        {
            [$"services:{ResourceNames.Api}:https:0"] = ApiBaseUrl,
            [$"services:{ResourceNames.Auth}:https:0"] = AuthBaseUrl,
        });
    }

    /// <summary>Replaces the configuration the portal's links are computed from; call before rendering.</summary>
    protected void UsePlatformConfiguration(IReadOnlyDictionary<string, string?> settings) =>
        Services.AddSingleton(new PlatformLinks(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
}
