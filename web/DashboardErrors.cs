
namespace Plan2.Web;

/// <summary>
/// The dashboard's error page, first in the pipeline: before the API's authentication and rate limits (which a page's
/// request passes too, and whose failures went past it), and around the API's own error answers (ApiErrors, which map
/// every API exception to a problem body, so none reaches this page). Placed inside them, it caught API exceptions
/// first and sent API clients an HTML page with a 500. Not a branch (UseWhen): a branch has no routes to re-run the page with.
/// </summary>
public static class DashboardErrors
{
    public const string Path = "/error";

    public static void UseDashboardErrors(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
            return;
        app.UseExceptionHandler(Path, createScopeForErrors: true);
    }
}
