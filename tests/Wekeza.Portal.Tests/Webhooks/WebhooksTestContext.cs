using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Wekeza.Portal.Tests.Webhooks;

/// <summary>
/// The portal's test context plus a fake webhooks API (<see cref="WebhooksApi"/>), a clock at
/// <see cref="FakeWebhooksClient.Now"/>, and the dialog and snackbar providers the webhook components talk through.
/// </summary>
public abstract class WebhooksTestContext : PortalTestContext
{
    protected WebhooksTestContext()
    {
        SignInAsDeveloper();
        Services.AddSingleton<Portal.Webhooks.IWebhooksClient>(WebhooksApi);
        Services.AddSingleton<TimeProvider>(Clock);
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
    }

    protected FakeWebhooksClient WebhooksApi { get; } = new();

    protected FakeClock Clock { get; } = new(FakeWebhooksClient.Now);

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; }

    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; }
}
