using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MudBlazor.Services;
using Orleans.Dashboard;
using Plan2.Hosting;
using Plan2.Hosting.Security;
using Plan2.Web.Components;
using Plan2.Web.Identity;
using Plan2.Web.Services;

namespace Plan2.Web;

internal static class WebHosting
{
    /// <summary>The fixed local address when neither ASPNETCORE_URLS nor --urls names one.</summary>
    public const string DefaultAddress = "http://localhost:5080";
    /// <summary>The fixed local address when Plan2__Https__CertificatePath names a certificate and no address is given.</summary>
    public const string DefaultHttpsAddress = "https://localhost:5443";
    public const string OrleansDashboardPath = "/dashboard";

    public static void UseDefaultDashboardAddress(this WebApplicationBuilder builder)
    {
        var https = builder.UsePlan2Https();
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(https ? DefaultHttpsAddress : DefaultAddress);
    }

    /// <summary>Embedded: co-host a silo. Cluster: be a pure client of silos found through Redis.</summary>
    public static Plan2Options AddPlan2Orleans(this WebApplicationBuilder builder) =>
        builder.Configuration.GetPlan2Options().Mode == HostingMode.Cluster
            ? builder.AddPlan2Client()
            : builder.AddPlan2Silo();

    public static void AddPlan2Dashboard(this WebApplicationBuilder builder)
    {
        // Serve the styles and scripts as the build made them: gzip-compressed ahead of time. Run from its build output
        // (as the README runs it), ASP.NET would otherwise treat every file as possibly edited since, and send MudBlazor's
        // 627 KB stylesheet in an uncompressed gzip wrapper, hashed afresh on every request.
        builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<ClusterOverviewService>();
        builder.Services.AddScoped<SystemStatusService>();
        builder.Services.AddSingleton<MarketBoardService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MarketBoardService>());
        builder.Services.AddSingleton<PlatformHealthWatch>(); // the degraded banner's source
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlatformHealthWatch>());
        builder.Services.AddSingleton<Services.Operations.ErrorSpikeWatch>(); // the admins' spike banner's source
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Services.Operations.ErrorSpikeWatch>());
        builder.Services.AddPlan2DashboardPages(builder.Configuration);
        builder.AddPlan2DashboardAuth();
    }

    public static void MapPlan2Dashboard(this WebApplication app)
    {
        app.MapPlan2DashboardAuth(); // before antiforgery: its tokens belong to the signed-in user
        app.UseAntiforgery();
        app.UseMiddleware<ForgedFormGuard>(); // a forged form post: 400, before its endpoint reads the form
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization(DashboardPolicies.Member);
        app.MapModelReportPictures();
        // Operators' view of the cluster: platform admins only.
        app.MapOrleansDashboard(OrleansDashboardPath).RequireAuthorization(DashboardPolicies.PlatformAdmin);
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
