using MudBlazor;

namespace Wekeza.Portal.Components.Layout;

/// <summary>The bank's look: deep navy for trust, a warm gold accent, teal for success states; both palettes.</summary>
internal static class WekezaTheme
{
    private static readonly string[] FontStack =
        ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0A2540",
            Secondary = "#B8860B",
            Tertiary = "#0F766E",
            Info = "#1D4ED8",
            Success = "#15803D",
            Warning = "#B45309",
            Error = "#B91C1C",
            Background = "#F5F7FA",
            Surface = "#FFFFFF",
            AppbarBackground = "#0A2540",
            AppbarText = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#1F2937",
            DrawerIcon = "#0A2540",
            TextPrimary = "#111827",
            TextSecondary = "#4B5563",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7DB3FF",
            Secondary = "#E3B94D",
            Tertiary = "#2DD4BF",
            Info = "#60A5FA",
            Success = "#4ADE80",
            Warning = "#FBBF24",
            Error = "#F87171",
            Background = "#0B1420",
            Surface = "#13202F",
            AppbarBackground = "#0F1C2B",
            AppbarText = "#E6EDF5",
            DrawerBackground = "#101B29",
            DrawerText = "#D7E0EA",
            DrawerIcon = "#7DB3FF",
            TextPrimary = "#E6EDF5",
            TextSecondary = "#A9B6C6",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
