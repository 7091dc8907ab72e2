using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MudBlazor.Services;
using Orleans.Dashboard;
using Plan2.Hosting;
using Plan2.Web.Components;
using Plan2.Web.Services;

namespace Plan2.Web;

internal static class WebHosting
{
    /// <summary>The fixed local address when neither ASPNETCORE_URLS nor --urls names one.</summary>
    public const string DefaultAddress = "http://localhost:5080";
    public const string OrleansDashboardPath = "/dashboard";

    public static void UseDefaultDashboardAddress(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultAddress);
    }

    /// <summary>Embedded: co-host a silo. Cluster: be a pure client of silos found through Redis.</summary>
    public static Plan2Options AddPlan2Orleans(this WebApplicationBuilder builder) =>
        builder.Configuration.GetPlan2Options().Mode == HostingMode.Cluster
            ? builder.AddPlan2Client()
            : builder.AddPlan2Silo();

    public static void AddPlan2Dashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<ClusterOverviewService>();
        builder.Services.AddSingleton<MarketBoardService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MarketBoardService>());
        builder.Services.AddSingleton<PlatformHealthWatch>(); // the degraded banner's source
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlatformHealthWatch>());
        builder.Services.AddPlan2DashboardPages(builder.Configuration);
    }

    public static void MapPlan2Dashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapModelReportPictures();
        // Operators' view of the cluster. No authentication yet: the security issue puts it behind the admin role.
        app.MapOrleansDashboard(OrleansDashboardPath);
    }

    public static void PrintAddresses(this WebApplication app, Plan2Options options)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            Console.WriteLine($"Plan2 dashboard ({options.Mode} mode): {address}/");
            Console.WriteLine($"Orleans dashboard: {address}{OrleansDashboardPath}/");
            Console.WriteLine($"REST API: {address}/api (reference {address}/scalar, OpenAPI {address}/openapi/v1.json)");
        }
    }
}
