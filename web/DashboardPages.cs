using Plan2.Web.Services;
using Plan2.Web.Services.Charts;
using Plan2.Web.Services.Insights;
using Plan2.Web.Services.Trading;

namespace Plan2.Web;

/// <summary>The services behind the dashboard's pages (markets, chart, insights, trading) and the model report's pictures.</summary>
internal static class DashboardPages
{
    public static void AddPlan2DashboardPages(this IServiceCollection services, IConfiguration configuration)
    {
        var desk = configuration.GetSection(DemoDesk.Section).Get<DemoDesk>() ?? new DemoDesk();
        services.AddSingleton(desk);
        // Until sign-in exists every circuit acts as the demo desk's user; the identity work replaces this one line.
        services.AddScoped(_ => DashboardUser.ForDemo(desk));
        services.AddScoped<BrowserPreferences>();
        services.AddScoped<TradingDeskService>();
        services.AddSingleton<ChartService>();
        services.AddSingleton<InsightsService>();
        services.AddScoped<Plan2.Web.Services.Operations.ErrorDnaService>();
        services.AddScoped<Plan2.Web.Services.Operations.FlowService>();
    }

    /// <summary>Serves the PNG pictures of onnx-models/report.md at /models/report/NAME.png (nothing else from that folder).</summary>
    public static void MapModelReportPictures(this WebApplication app) =>
        app.MapGet("/models/report/{name}", (string name, InsightsService insights) =>
            insights.PicturePath(name) is { } path ? Results.File(path, "image/png") : Results.NotFound());
}
