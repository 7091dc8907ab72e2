using MudBlazor;

namespace Plan2.Web.Components.Layout;

/// <summary>One palette pair for the whole dashboard; up and down colours read well on both.</summary>
public static class DashboardTheme
{
    public const string Up = "#26a69a";
    public const string Down = "#ef5350";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1565c0", Secondary = "#00897b", AppbarBackground = "#0d47a1" },
        PaletteDark = new PaletteDark { Primary = "#64b5f6", Secondary = "#4db6ac", AppbarBackground = "#10161f", Background = "#0b0f14", Surface = "#131a22" },
    };
}
