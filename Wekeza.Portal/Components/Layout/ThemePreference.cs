using Microsoft.JSInterop;

namespace Wekeza.Portal.Components.Layout;

/// <summary>
/// Remembers the reader's light/dark choice in the browser's localStorage: nothing to store on the server, and the
/// choice follows the browser rather than a session.
/// </summary>
internal sealed class ThemePreference(IJSRuntime js)
{
    internal const string StorageKey = "wekeza-portal-theme";
    internal const string Dark = "dark";
    internal const string Light = "light";

    /// <summary>The stored choice, or null when there is none or storage is unavailable.</summary>
    public async Task<bool?> GetIsDarkModeAsync()
    {
        try
        {
            return await js.InvokeAsync<string?>("localStorage.getItem", StorageKey) switch
            {
                Dark => true,
                Light => false,
                _ => null,
            };
        }
        catch (JSException)
        {
            // Storage disabled by the browser or its privacy settings: fall back to the system preference.
            return null;
        }
    }

    public async Task SetIsDarkModeAsync(bool isDarkMode)
    {
        try
        {
            await js.InvokeVoidAsync("localStorage.setItem", StorageKey, isDarkMode ? Dark : Light);
        }
        catch (JSException)
        {
            // Not remembering the choice is no reason to break the page.
        }
    }
}
