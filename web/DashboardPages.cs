using Microsoft.AspNetCore.Components.Authorization;
using Plan2.Web.Services;
using Plan2.Web.Services.Backtests;
using Plan2.Web.Services.Charts;
using Plan2.Web.Services.Insights;
using Plan2.Web.Services.Trading;

namespace Plan2.Web;

/// <summary>The services behind the dashboard's pages (markets, chart, insights, trading) and the model report's pictures.</summary>
internal static class DashboardPages
{
    public static void AddPlan2DashboardPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(PaperAccountDefaults.Section).Get<PaperAccountDefaults>() ?? new PaperAccountDefaults());
        // The signed-in user of this circuit (or of this prerendering request): the server's authentication state is already known here.
        services.AddScoped(sp => DashboardUser.From(sp.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync().GetAwaiter().GetResult().User));
        services.AddScoped<BrowserPreferences>();
        services.AddScoped<Services.Administration.AdministrationService>();
        services.AddScoped<Services.Administration.MyAccountService>();
        services.AddScoped<TradingDeskService>();
        services.AddSingleton<ChartService>();
        services.AddSingleton<InsightsService>();
        services.AddPlan2Backtests(configuration);
        services.AddScoped<Plan2.Web.Services.Operations.ErrorDnaService>();
        services.AddScoped<Plan2.Web.Services.Operations.FlowService>();
    }

    /// <summary>Serves the PNG pictures of onnx-models/report.md at /models/report/NAME.png (nothing else from that folder).</summary>
    public static void MapModelReportPictures(this WebApplication app) =>
        app.MapGet("/models/report/{name}", (string name, InsightsService insights) =>
            insights.PicturePath(name) is { } path ? Results.File(path, "image/png") : Results.NotFound())
            .RequireAuthorization(Plan2.Web.Identity.DashboardPolicies.Member);
}
