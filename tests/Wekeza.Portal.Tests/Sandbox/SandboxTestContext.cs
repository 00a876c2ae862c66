using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Wekeza.Portal.Sandbox;

namespace Wekeza.Portal.Tests.Sandbox;

/// <summary>
/// The portal's test context, signed in as a developer, plus a fake sandbox API (<see cref="SandboxApi"/>) and the
/// dialog, snackbar and popover providers the sandbox controls talk through.
/// </summary>
public abstract class SandboxTestContext : PortalTestContext
{
    protected SandboxTestContext()
    {
        SignInAsDeveloper();
        Services.AddSingleton<ISandboxClient>(SandboxApi);
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
        Popovers = Render<MudPopoverProvider>();
    }

    protected FakeSandboxClient SandboxApi { get; } = new();

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; }

    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; }

    protected IRenderedComponent<MudPopoverProvider> Popovers { get; }

    /// <summary>Chooses <paramref name="value"/> in the MudSelect marked <paramref name="testId"/>, as picking it from the list would.</summary>
    protected static void Choose<T>(IRenderedComponent<IComponent> rendered, string testId, T value)
    {
        var select = rendered.FindComponents<MudSelect<T>>()
            .Single(found => found.Instance.UserAttributes.TryGetValue("data-testid", out var id) && Equals(id, testId));
        rendered.InvokeAsync(() => select.Instance.SelectOption(value)).GetAwaiter().GetResult();
    }

    protected static string Text<TComponent>(IRenderedComponent<TComponent> rendered, string testId)
        where TComponent : IComponent =>
        rendered.Find($"[data-testid={testId}]").TextContent.Trim();
}
