using MudBlazor;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Web.Components.Layout;

/// <summary>One navigation entry and the least role that sees it; platform-only entries show every tenant's data.</summary>
public sealed record NavigationItem(string Id, string Title, string Href, string Icon, UserRole MinimumRole, bool PlatformOnly = false);

public static class NavigationItems
{
    public static IReadOnlyList<NavigationItem> All { get; } =
    [
        new("overview", "Overview", "/", Icons.Material.Filled.Dashboard, UserRole.Viewer),
        new("markets", "Markets", "/markets", Icons.Material.Filled.ShowChart, UserRole.Viewer),
        new("chart", "Chart", "/chart", Icons.Material.Filled.CandlestickChart, UserRole.Viewer),
        new("insights", "AI insights", "/insights", Icons.Material.Filled.Psychology, UserRole.Viewer),
        new("trading", "Trading", "/trading", Icons.Material.Filled.SwapHoriz, UserRole.Viewer),
        new("backtests", "Backtests", "/backtests", Icons.Material.Filled.History, UserRole.Viewer),
        new("system", "System", "/system", Icons.Material.Filled.MonitorHeart, UserRole.Admin),
        new("errors", "Errors", "/errors", Icons.Material.Filled.BugReport, UserRole.Admin, PlatformOnly: true),
        new("flows", "Flows", "/flows", Icons.Material.Filled.AccountTree, UserRole.Admin, PlatformOnly: true),
    ];
}
