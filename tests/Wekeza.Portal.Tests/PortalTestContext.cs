using Bunit.TestDoubles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Wekeza.Portal.Apps;
using Wekeza.Portal.Components.Layout;
using Wekeza.Portal.Consents;
using Wekeza.Portal.Platform;
using Wekeza.Portal.Tests.Apps;
using Wekeza.Portal.Tests.Consents;

namespace Wekeza.Portal.Tests;

/// <summary>
/// A bUnit context with what the portal's components need: MudBlazor, platform links, theme storage, an anonymous
/// user (see <see cref="Authorization"/>) and fake apps and consents APIs (see <see cref="AppsApi"/>, <see cref="ConsentsApi"/>).
/// </summary>
public abstract class PortalTestContext : BunitContext
{
    public const string ApiBaseUrl = "https://api.wekeza.test:7443";
    public const string AuthBaseUrl = "https://auth.wekeza.test:8443";

    protected PortalTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<ThemePreference>();
        Services.AddSingleton<IAppsClient>(AppsApi);
        Services.AddScoped<OneTimeSecret>();
        Services.AddSingleton<IConsentsClient>(ConsentsApi);
        Authorization = AddAuthorization();
        UsePlatformConfiguration(new Dictionary<string, string?>
        {
            [$"services:{ResourceNames.Api}:https:0"] = ApiBaseUrl,
            [$"services:{ResourceNames.Auth}:https:0"] = AuthBaseUrl,
        });
    }

    protected BunitAuthorizationContext Authorization { get; }

    protected FakeAppsClient AppsApi { get; } = new();

    protected FakeConsentsClient ConsentsApi { get; } = new();

    /// <summary>Replaces the configuration the portal's links are computed from; call before rendering.</summary>
    protected void UsePlatformConfiguration(IReadOnlyDictionary<string, string?> settings) =>
        Services.AddSingleton(new PlatformLinks(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));

    protected void SignInAsDeveloper(string name = "Ada Developer") =>
        Authorization.SetAuthorized(name).SetRoles("developer");

    protected void SignInAsCustomer(string name = "Wanjiku Customer") =>
        Authorization.SetAuthorized(name).SetRoles("customer");

    protected void SignInAsAdmin(string name = "Amina Admin") =>
        Authorization.SetAuthorized(name).SetRoles("admin");
}
