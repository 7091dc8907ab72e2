using Microsoft.AspNetCore.Components;
using Plan2.Web.Services;

namespace Plan2.Web.Components.Layout;

/// <summary>The shell: app bar, navigation drawer (collapses on phones), and the theme kept per browser.</summary>
public partial class MainLayout
{
    private bool _drawerOpen = true;
    private bool _dark;

    [Inject] private BrowserPreferences Preferences { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        var dark = await Preferences.GetAsync<bool?>(BrowserPreferences.DarkThemeKey);
        if (dark is { } value && value != _dark)
        {
            _dark = value;
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleThemeAsync()
    {
        _dark = !_dark;
        await Preferences.SetAsync(BrowserPreferences.DarkThemeKey, _dark);
    }
}
