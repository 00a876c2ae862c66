using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Wekeza.Portal.Console;

namespace Wekeza.Portal.Tests.Console;

/// <summary>The portal's test context with the console's session on a <see cref="FakeSandbox"/> and the developer's app in the fake apps API.</summary>
public abstract class ConsoleTestContext : PortalTestContext
{
    protected ConsoleTestContext()
    {
        SignInAsDeveloper();
        Services.AddSingleton<TimeProvider>(Sandbox.Clock);
        Services.AddTransient(_ => Sandbox.Session());
        AppsApi.Apps.Add(FakeSandbox.App());
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
    }

    protected FakeSandbox Sandbox { get; } = new();
}
