using Microsoft.Playwright;
using Wekeza.AppHost.Hosting;

namespace Wekeza.IntegrationTests.EndToEnd;

/// <summary>
/// Debian's Chromium driven by Playwright (a browser download is neither wanted nor possible here). Installed with
/// apt-get when missing, as the AppHost installs the servers, so `dotnet test` needs nothing done by hand.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private static readonly Requirement Chromium = new("chromium", "chromium", "/usr/bin");
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Prerequisites.EnsureInstalled([Chromium], new AppHostOptions(), message => TestContext.Current.SendDiagnosticMessage(message));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Prerequisites.Require(Chromium) });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
