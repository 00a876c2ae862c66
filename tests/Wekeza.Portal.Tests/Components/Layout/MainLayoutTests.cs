using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;
using Wekeza.Portal.Components.Layout;

namespace Wekeza.Portal.Tests.Components.Layout;

public sealed class MainLayoutTests : PortalTestContext
{
    private const string ToggleSelector = "button[aria-label='Toggle dark mode']";

    [Fact]
    public void App_bar_shows_the_product_name()
    {
        var layout = RenderLayout();

        Assert.Contains("Wekeza Open Platform", layout.Find(".mud-appbar").TextContent);
    }

    [Fact]
    public void Drawer_holds_the_navigation_and_the_page_shows_its_body()
    {
        var layout = RenderLayout();

        Assert.NotNull(layout.Find($".mud-drawer a[href='{ApiBaseUrl}/docs']"));
        Assert.Equal("page body", layout.Find("main #body").TextContent);
    }

    [Fact]
    public void Dark_mode_toggle_switches_the_theme_to_dark_and_back()
    {
        var layout = RenderLayout();
        var theme = layout.FindComponent<MudThemeProvider>();
        Assert.False(IsDarkMode(theme));
        Assert.Equal("false", layout.Find(ToggleSelector).GetAttribute("aria-pressed"));

        layout.Find(ToggleSelector).Click();

        Assert.True(IsDarkMode(theme));
        Assert.Contains($"--mud-palette-background: {WekezaTheme.Create().PaletteDark.Background};", ThemeCss(layout));
        Assert.Equal("true", layout.Find(ToggleSelector).GetAttribute("aria-pressed"));
        Assert.Equal("Switch to light mode", layout.Find(ToggleSelector).GetAttribute("title"));

        layout.Find(ToggleSelector).Click();

        Assert.False(IsDarkMode(theme));
        Assert.Contains($"--mud-palette-background: {WekezaTheme.Create().PaletteLight.Background};", ThemeCss(layout));
        Assert.Equal("false", layout.Find(ToggleSelector).GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Dark_mode_choice_is_remembered_in_the_browser()
    {
        var layout = RenderLayout();

        layout.Find(ToggleSelector).Click();

        var saved = JSInterop.VerifyInvoke("localStorage.setItem");
        Assert.Equal([ThemePreference.StorageKey, "dark"], saved.Arguments);
    }

    [Fact]
    public void Remembered_dark_mode_is_applied_when_the_portal_opens()
    {
        JSInterop.Setup<string?>("localStorage.getItem", ThemePreference.StorageKey).SetResult("dark");

        var layout = RenderLayout();

        layout.WaitForAssertion(() => Assert.True(IsDarkMode(layout.FindComponent<MudThemeProvider>())));
        Assert.Equal("true", layout.Find(ToggleSelector).GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Remembered_light_mode_wins_over_a_dark_system_preference()
    {
        JSInterop.Setup<string?>("localStorage.getItem", ThemePreference.StorageKey).SetResult("light");
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);

        var layout = RenderLayout();

        Assert.False(IsDarkMode(layout.FindComponent<MudThemeProvider>()));
    }

    [Fact]
    public void Without_a_remembered_choice_the_system_preference_applies()
    {
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);

        var layout = RenderLayout();

        layout.WaitForAssertion(() => Assert.True(IsDarkMode(layout.FindComponent<MudThemeProvider>())));
    }

    // What MudBlazor renders the palette from: the provider's own state, not the parameter last passed to it.
    private static bool IsDarkMode(IRenderedComponent<MudThemeProvider> theme) =>
        theme.Instance.GetState(provider => provider.IsDarkMode);

    // The CSS variables every MudBlazor component is painted with.
    private static string ThemeCss(IRenderedComponent<MainLayout> layout) => layout.Find("style.mud-theme-provider").TextContent;

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(parameters => parameters.Add(
            layout => layout.Body,
            (RenderFragment)(body => body.AddMarkupContent(0, "<p id=\"body\">page body</p>"))));
}
